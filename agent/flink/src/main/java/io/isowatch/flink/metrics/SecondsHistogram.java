package io.isowatch.flink.metrics;

import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * A histogram of durations that reports its quantiles, mean and spread in seconds, as the other
 * engines' {@code _seconds} metrics do, over a sliding window of the last samples. Flink histograms
 * take whole numbers, so it is fed nanoseconds; the whole-number views (min, max, values) can only
 * be whole seconds, and Flink's Prometheus reporter does not use them.
 */
final class SecondsHistogram implements Histogram {
  private static final double NANOS_PER_SECOND = 1e9;

  private final DescriptiveStatisticsHistogram nanos;

  SecondsHistogram(int window) {
    this.nanos = new DescriptiveStatisticsHistogram(window);
  }

  /** Records one duration in nanoseconds. */
  @Override
  public void update(long durationNanos) {
    nanos.update(durationNanos);
  }

  @Override
  public long getCount() {
    return nanos.getCount();
  }

  @Override
  public HistogramStatistics getStatistics() {
    HistogramStatistics inner = nanos.getStatistics();
    return new HistogramStatistics() {
      @Override
      public double getQuantile(double quantile) {
        return inner.getQuantile(quantile) / NANOS_PER_SECOND;
      }

      @Override
      public long[] getValues() {
        long[] values = inner.getValues();
        for (int i = 0; i < values.length; i++) {
          values[i] = Math.round(values[i] / NANOS_PER_SECOND);
        }
        return values;
      }

      @Override
      public int size() {
        return inner.size();
      }

      @Override
      public double getMean() {
        return inner.getMean() / NANOS_PER_SECOND;
      }

      @Override
      public double getStdDev() {
        return inner.getStdDev() / NANOS_PER_SECOND;
      }

      @Override
      public long getMax() {
        return Math.round(inner.getMax() / NANOS_PER_SECOND);
      }

      @Override
      public long getMin() {
        return Math.round(inner.getMin() / NANOS_PER_SECOND);
      }
    };
  }
}
