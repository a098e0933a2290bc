package io.isowatch.connectors.synthetic;

import java.util.List;
import java.util.Objects;

/**
 * The parameters a synthetic feed was drawn with, in the feed's own units, before any regime
 * change. Observation {@code i} (0-based) of the feed is
 *
 * <pre>
 *   level + slope * i                                  linear trend
 *   + sum_j seasonalAmplitudes[j] * sin(2 pi i / seasonalPeriods[j] + phase_j)   seasonality
 *   + gpAmplitude * g(i)                               smooth Gaussian-process-like component
 *   + noiseSigma * e_i                                 white noise, e_i ~ N(0, 1)
 * </pre>
 *
 * where {@code g} is a sum of random Fourier features whose frequencies are drawn from the spectrum
 * of an RBF kernel with length scale {@code gpLengthscale}: a stationary, smooth function with unit
 * variance over time. The phases and features are internal draws of the same seed.
 *
 * @param feedId the feed, e.g. {@code "synthetic-0"}
 * @param level the value of the trend line at index 0
 * @param scale the unit of the other amplitudes and of a {@link RegimeChange.Kind#LEVEL_SHIFT}
 * @param slope trend per observation
 * @param seasonalPeriods one or two periods, in observations, the first the shortest
 * @param seasonalAmplitudes the amplitude of each period
 * @param gpAmplitude standard deviation of the smooth component
 * @param gpLengthscale its length scale, in observations
 * @param noiseSigma standard deviation of the white noise
 */
public record FeedProfile(
    String feedId,
    double level,
    double scale,
    double slope,
    List<Double> seasonalPeriods,
    List<Double> seasonalAmplitudes,
    double gpAmplitude,
    double gpLengthscale,
    double noiseSigma) {
  public FeedProfile {
    Objects.requireNonNull(feedId, "feedId");
    seasonalPeriods = List.copyOf(seasonalPeriods);
    seasonalAmplitudes = List.copyOf(seasonalAmplitudes);
    if (seasonalPeriods.size() != seasonalAmplitudes.size()) {
      throw new IllegalArgumentException(
          "seasonalAmplitudes must have one entry per period, got "
              + seasonalAmplitudes.size()
              + " for "
              + seasonalPeriods.size());
    }
  }
}
