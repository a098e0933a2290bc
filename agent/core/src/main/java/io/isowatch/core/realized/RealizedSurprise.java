package io.isowatch.core.realized;

import io.isowatch.core.predict.Prediction;

/**
 * How surprised the agent's own predictive distributions were by the values that came: the mean
 * surprisal (-log density) of the realized values, and the mean |2 PIT - 1| of their probability
 * integral transforms, over the outcomes since the last {@link #take}. A calibrated forecaster's
 * PITs are uniform, so |2 PIT - 1| averages 0.5; values landing in the tails push it towards 1, a
 * distribution too wide pulls it towards 0. Surprisal rises when values land where the model put
 * little mass, whether or not the point forecast moved.
 *
 * <p>Memory: four numbers. Not thread-safe; one per feed.
 */
public final class RealizedSurprise {
  // package-private for RealizedSurpriseCodec
  double surprisalSum;
  double pitDeviationSum;
  int count;

  /**
   * One realized value under the distribution that forecast it; returns its surprisal (NaN for a
   * value that is not finite, which is left out).
   */
  public double record(Prediction prediction, double actual) {
    if (!Double.isFinite(actual)) {
      return Double.NaN;
    }
    Prediction.Realized realized = prediction.realized(actual);
    surprisalSum += realized.surprisal();
    pitDeviationSum += Math.abs(2 * realized.pit() - 1);
    count++;
    return realized.surprisal();
  }

  /** The means since the last take (NaN, NaN without an outcome), and a fresh start. */
  public Means take() {
    Means means =
        count == 0
            ? new Means(Double.NaN, Double.NaN, 0)
            : new Means(surprisalSum / count, pitDeviationSum / count, count);
    surprisalSum = 0;
    pitDeviationSum = 0;
    count = 0;
    return means;
  }

  /**
   * @param surprisal mean -log density of the realized values, nats per scaled unit
   * @param pitDeviation mean |2 PIT - 1|: 0.5 when calibrated, towards 1 in the tails
   * @param outcomes how many realized values these means are over
   */
  public record Means(double surprisal, double pitDeviation, int outcomes) {}

  public static long memoryBytes() {
    return 40;
  }
}
