package io.isowatch.evaluation.accuracy;

import io.isowatch.core.predict.Prediction;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How a multi-step forecast goes on from the model's next-value distribution: which value is
 * appended to the context before the model is asked again.
 *
 * <ul>
 *   <li>{@link Median}: the distribution's median, one path per history;
 *   <li>{@link Mean}: its mean, one path per history;
 *   <li>{@link Sampled}: Chronos's forecast, {@code paths} trajectories per history, each step a
 *       draw from the distribution (inverse CDF of a seeded uniform), and the forecast the median
 *       over paths at every step. A median rolled out sticks to the current bin where a step is a
 *       bin or two wide; sampled paths keep the spread that moves it.
 * </ul>
 */
public sealed interface RollOut {
  /** Trajectories per history: one unless sampled. */
  default int paths() {
    return 1;
  }

  /** The value appended to a trajectory after {@code prediction}. */
  double next(Prediction prediction);

  /** The point forecast of one step from its {@link #paths()} trajectories' values. */
  default double point(double[] values) {
    return values[0];
  }

  /** The median of the next value, rolled out. */
  record Median() implements RollOut {
    @Override
    public double next(Prediction prediction) {
      return prediction.median();
    }
  }

  /** The mean of the next value, rolled out. */
  record Mean() implements RollOut {
    @Override
    public double next(Prediction prediction) {
      return prediction.mean();
    }
  }

  /**
   * Sampled trajectories; the draws come from one generator seeded once, so a forecast call is
   * reproducible for the same histories, batch order and seed.
   */
  final class Sampled implements RollOut {
    private final int paths;
    private final SplittableRandom random;

    public Sampled(int paths, long seed) {
      if (paths < 1) {
        throw new IllegalArgumentException("paths must be at least 1, got " + paths);
      }
      this.paths = paths;
      this.random = new SplittableRandom(seed);
    }

    @Override
    public int paths() {
      return paths;
    }

    @Override
    public double next(Prediction prediction) {
      return prediction.quantile(random.nextDouble());
    }

    @Override
    public double point(double[] values) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
  }
}
