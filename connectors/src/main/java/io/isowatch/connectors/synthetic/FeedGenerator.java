package io.isowatch.connectors.synthetic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Generates one synthetic feed on the fly, one observation per {@link #next()} call: memory is the
 * profile, the random features and the feed's regime changes, whatever the length. Draws come from
 * {@link Random}, whose algorithm (and {@code nextGaussian}) the JDK specifies, so a seed gives the
 * same series on every JDK.
 */
final class FeedGenerator {
  static final double MIN_SCALE = 1;
  static final double MAX_SCALE = 100;
  static final double MIN_LEVEL = 2;
  static final double MAX_LEVEL = 10;
  static final double MAX_SLOPE = 1e-3;
  static final int MIN_PERIOD = 24;
  static final int MAX_PERIOD = 96;
  static final int MIN_SECOND_PERIOD_FACTOR = 3;
  static final int MAX_SECOND_PERIOD_FACTOR = 7;
  static final double MIN_SEASONAL_AMPLITUDE = 0.5;
  static final double MAX_SEASONAL_AMPLITUDE = 1.0;
  static final double MIN_SECOND_AMPLITUDE = 0.2;
  static final double MAX_SECOND_AMPLITUDE = 0.5;
  static final double MIN_GP_AMPLITUDE = 0.2;
  static final double MAX_GP_AMPLITUDE = 0.5;
  static final double MIN_GP_LENGTHSCALE = 20;
  static final double MAX_GP_LENGTHSCALE = 100;
  static final int GP_FEATURES = 32;
  static final double MIN_NOISE = 0.1;
  static final double MAX_NOISE = 0.3;

  private static final double TWO_PI = 2 * Math.PI;

  private final FeedProfile profile;
  private final double[] seasonalPhases;
  private final double[] gpFrequencies;
  private final double[] gpPhases;
  private final Random noise;
  private final List<RegimeChange> changes;

  private long index;
  private int nextChange;
  private double levelOffset;
  private double noiseMultiplier = 1;
  private double frequencyMultiplier = 1;
  private long seasonalAnchor;
  private final double[] cyclesAtAnchor;
  private final List<RegimeChange> activeBursts = new ArrayList<>();

  FeedGenerator(String feedId, int feedIndex, long seed, List<RegimeChange> changes) {
    Random draws = new Random(mix(mix(seed) + feedIndex));
    double scale = logUniform(draws, MIN_SCALE, MAX_SCALE);
    double level = scale * uniform(draws, MIN_LEVEL, MAX_LEVEL);
    double slope = scale * uniform(draws, -MAX_SLOPE, MAX_SLOPE);
    double period = MIN_PERIOD + draws.nextInt(MAX_PERIOD - MIN_PERIOD + 1);
    double amplitude = scale * uniform(draws, MIN_SEASONAL_AMPLITUDE, MAX_SEASONAL_AMPLITUDE);
    List<Double> periods = new ArrayList<>(List.of(period));
    List<Double> amplitudes = new ArrayList<>(List.of(amplitude));
    if (draws.nextBoolean()) {
      int factor =
          MIN_SECOND_PERIOD_FACTOR
              + draws.nextInt(MAX_SECOND_PERIOD_FACTOR - MIN_SECOND_PERIOD_FACTOR + 1);
      periods.add(period * factor);
      amplitudes.add(scale * uniform(draws, MIN_SECOND_AMPLITUDE, MAX_SECOND_AMPLITUDE));
    }
    seasonalPhases = new double[periods.size()];
    for (int j = 0; j < seasonalPhases.length; j++) {
      seasonalPhases[j] = TWO_PI * draws.nextDouble();
    }
    double gpAmplitude = scale * uniform(draws, MIN_GP_AMPLITUDE, MAX_GP_AMPLITUDE);
    double gpLengthscale = uniform(draws, MIN_GP_LENGTHSCALE, MAX_GP_LENGTHSCALE);
    // Random Fourier features of the RBF kernel exp(-t^2 / (2 l^2)): its spectral density is
    // Gaussian with standard deviation 1 / l (in radians per observation).
    gpFrequencies = new double[GP_FEATURES];
    gpPhases = new double[GP_FEATURES];
    for (int m = 0; m < GP_FEATURES; m++) {
      gpFrequencies[m] = draws.nextGaussian() / gpLengthscale;
      gpPhases[m] = TWO_PI * draws.nextDouble();
    }
    double noiseSigma = scale * uniform(draws, MIN_NOISE, MAX_NOISE);
    this.profile =
        new FeedProfile(
            feedId,
            level,
            scale,
            slope,
            periods,
            amplitudes,
            gpAmplitude,
            gpLengthscale,
            noiseSigma);
    this.noise = new Random(draws.nextLong());
    this.changes = changes.stream().sorted(Comparator.comparingLong(RegimeChange::index)).toList();
    this.cyclesAtAnchor = new double[periods.size()];
  }

  FeedProfile profile() {
    return profile;
  }

  /** The index of the observation {@link #next()} returns next. */
  long index() {
    return index;
  }

  /** The value of observation {@link #index()}; advances by one. */
  double next() {
    long i = index;
    while (nextChange < changes.size() && changes.get(nextChange).index() <= i) {
      apply(changes.get(nextChange++), i);
    }
    activeBursts.removeIf(burst -> burst.index() + RegimeChange.BURST_LENGTH <= i);
    double burstMultiplier = 1;
    for (RegimeChange burst : activeBursts) {
      burstMultiplier *= burst.magnitude();
    }

    double value = profile.level() + levelOffset + profile.slope() * i;
    for (int j = 0; j < seasonalPhases.length; j++) {
      double cycles = cyclesAt(j, i);
      value += profile.seasonalAmplitudes().get(j) * Math.sin(TWO_PI * cycles + seasonalPhases[j]);
    }
    double gp = 0;
    for (int m = 0; m < GP_FEATURES; m++) {
      gp += Math.cos(gpFrequencies[m] * i + gpPhases[m]);
    }
    value += profile.gpAmplitude() * Math.sqrt(2.0 / GP_FEATURES) * gp;
    value += profile.noiseSigma() * noiseMultiplier * burstMultiplier * noise.nextGaussian();
    index++;
    return value;
  }

  private double cyclesAt(int component, long i) {
    return cyclesAtAnchor[component]
        + (i - seasonalAnchor) * frequencyMultiplier / profile.seasonalPeriods().get(component);
  }

  private void apply(RegimeChange change, long i) {
    switch (change.kind()) {
      case LEVEL_SHIFT -> levelOffset += change.magnitude() * profile.scale();
      case VARIANCE_CHANGE -> noiseMultiplier *= change.magnitude();
      case FREQUENCY_CHANGE -> {
        for (int j = 0; j < cyclesAtAnchor.length; j++) {
          cyclesAtAnchor[j] = cyclesAt(j, i);
        }
        seasonalAnchor = i;
        frequencyMultiplier *= change.magnitude();
      }
      case NOISE_BURST -> activeBursts.add(change);
    }
  }

  /** The finalizer of MurmurHash3: spreads nearby seeds (0, 1, 2...) over all 64 bits. */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private static double uniform(Random random, double min, double max) {
    return min + (max - min) * random.nextDouble();
  }

  private static double logUniform(Random random, double min, double max) {
    return Math.exp(uniform(random, Math.log(min), Math.log(max)));
  }
}
