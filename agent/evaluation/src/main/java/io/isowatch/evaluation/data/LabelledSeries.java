package io.isowatch.evaluation.data;

import java.time.Instant;
import java.util.Objects;

/**
 * One univariate series of a dataset with what it is scored against. Positions are 0-based indices
 * into {@code values} and {@code times}, which have the same length and ascending times.
 *
 * @param dataset the dataset kind it came from: {@code nab}, {@code tcpd}, {@code skab}, {@code
 *     csv}
 * @param name the series' name within its dataset, e.g. {@code realKnownCause/nyc_taxi.csv}
 * @param values the values, oldest first
 * @param times the event time of each value
 * @param truth the labels, or the forecast-error truth for unlabelled series
 * @param repaired positions whose record could not be read and whose value repeats the previous
 *     one, so that positions stay aligned with the labels
 * @param forecasts production forecasts the data carries: at each position, the forecast of that
 *     position's value made one step earlier (NaN where none); null when the data has none
 */
public record LabelledSeries(
    String dataset,
    String name,
    double[] values,
    Instant[] times,
    Truth truth,
    int repaired,
    double[] forecasts) {

  /** A series without production forecasts. */
  public LabelledSeries(
      String dataset, String name, double[] values, Instant[] times, Truth truth, int repaired) {
    this(dataset, name, values, times, truth, repaired, null);
  }

  public LabelledSeries {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(truth, "truth");
    if (values.length != times.length) {
      throw new IllegalArgumentException(
          name + ": " + values.length + " values but " + times.length + " times");
    }
    if (forecasts != null && forecasts.length != values.length) {
      throw new IllegalArgumentException(
          name + ": " + values.length + " values but " + forecasts.length + " forecasts");
    }
    values = values.clone();
    times = times.clone();
    forecasts = forecasts == null ? null : forecasts.clone();
  }

  /**
   * The production forecasts as forecasts issued one step ahead: entry t is the forecast of value t
   * + 1 (NaN where none); null when the data has none.
   */
  public double[] forecastsIssued() {
    if (forecasts == null) {
      return null;
    }
    double[] issued = new double[forecasts.length];
    java.util.Arrays.fill(issued, Double.NaN);
    System.arraycopy(forecasts, 1, issued, 0, forecasts.length - 1);
    return issued;
  }

  public int length() {
    return values.length;
  }

  /** A copy of the values. */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** A copy of the times. */
  @Override
  public Instant[] times() {
    return times.clone();
  }

  public double value(int index) {
    return values[index];
  }

  public Instant time(int index) {
    return times[index];
  }

  /** The position of the last value at or before {@code time}, or -1 if there is none. */
  public int indexAtOrBefore(Instant time) {
    int low = 0;
    int high = times.length - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (times[mid].compareTo(time) <= 0) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }
}
