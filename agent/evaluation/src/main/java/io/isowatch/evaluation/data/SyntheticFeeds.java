package io.isowatch.evaluation.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic feeds with injected regime changes: a base process (AR(1) noise around a level, a
 * seasonal term, a slow trend) with one to three changes of a kind drawn from {@link Change}.
 * Deterministic for a seed.
 *
 * <p>Two uses. The risk model trains on them, with labels from the forecasters' errors as on every
 * series (their windows are never read there). And {@code evaluate --synthetic} scores detectors on
 * them with NAB's scorer against windows that start at each injected change, a ruler for alarm
 * designs whose labels are the project's own: the shared datasets' labels never choose a setting.
 */
public final class SyntheticFeeds {
  public static final String DATASET = "synthetic";
  static final Instant START = Instant.parse("2020-01-01T00:00:00Z");

  /**
   * Share of a feed that its change windows cover together, as NAB sizes its anomaly windows (10%
   * of the file split among its anomalies); here each window starts at its change, since no
   * detector can see a change before it happens.
   */
  static final double WINDOW_SHARE = 0.10;

  /** NAB's probationary period: the first 15% of a feed is not scored. */
  static final double PROBATION_SHARE = 0.15;

  /** The kinds of regime change injected. */
  public enum Change {
    LEVEL,
    VARIANCE,
    FREQUENCY,
    NOISE_BURST,
    TREND_BREAK,
    SPIKES,
    FLAT_LINE,
    SEASONALITY
  }

  /** How long the feeds are and how many changes each holds. */
  public enum Density {
    /** 600 to 3,000 values and 1 to 3 changes: many changes for the embedding time. */
    DENSE("", new int[] {600, 1200, 2000, 3000}, 3),
    /**
     * 4,000 to 16,000 values and 1 or 2 changes: about NAB's density (0 to 3 anomaly windows in
     * 1,243 to 18,050 values), where a false alarm is charged more often for each change found.
     */
    SPARSE("-sparse", new int[] {4000, 8000, 12000, 16000}, 2);

    private final String suffix;
    private final int[] lengths;
    private final int maxChanges;

    Density(String suffix, int[] lengths, int maxChanges) {
      this.suffix = suffix;
      this.lengths = lengths;
      this.maxChanges = maxChanges;
    }

    /** The lowercase name options use: {@code dense} or {@code sparse}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The noise around the level, seasonality and trend. */
  public enum Noise {
    /** AR(1) noise with uniform innovations of unit variance: light tails, a fixed level. */
    LIGHT(""),
    /**
     * The same AR(1) noise with Student-t innovations of 3 degrees of freedom (unit variance, heavy
     * tails) and a level that wanders as a random walk of steps 0.02 sigma: what real series have
     * and the light ruler lacks. The feed's structure (level, scale, changes) is the light feed's
     * of the same seed; only the noise differs.
     */
    HEAVY("-heavy"),
    /**
     * The heavy noise plus benign spikes: each value, with probability {@link #SPIKE_RATE}, is off
     * by 6 to 20 sigma (either sign) for that one value, and no window marks it. Real feeds have
     * them and the heavy ruler barely does: a value more than 6 robust sigma (1.4826 MAD) from the
     * median of the 64 before it is 4.8 values in 1,000 of heavy noise, 15 of this noise, and a
     * median 18.9 (quartiles 1.5 and 188) over 28 of the shared datasets' series, a count of their
     * values that reads no label. A rule that alarms on size alone wins on the light and heavy
     * rulers and loses here, as it does on real feeds. The feed is the heavy feed of the same seed
     * plus the spikes.
     */
    SPIKY("-spiky");

    private final String suffix;

    Noise(String suffix) {
      this.suffix = suffix;
    }

    /** The lowercase name options use: {@code light}, {@code heavy} or {@code spiky}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Student-t degrees of freedom of the heavy noise's innovations. */
  static final int HEAVY_DEGREES = 3;

  /** Step of the heavy noise's wandering level, in units of the feed's noise scale. */
  static final double WANDER_STEP = 0.02;

  /** Share of the spiky noise's values that are benign spikes. */
  static final double SPIKE_RATE = 0.01;

  /** Smallest and largest benign spike, in units of the feed's noise scale. */
  static final double SPIKE_MIN = 6;

  static final double SPIKE_MAX = 20;

  private SyntheticFeeds() {}

  /** {@code count} dense feeds (the ruler's), cycling through the change kinds and lengths. */
  public static List<LabelledSeries> generate(int count, long seed) {
    return generate(count, seed, Density.DENSE, Noise.LIGHT);
  }

  /** {@code count} feeds of a density and noise, cycling through the change kinds and lengths. */
  public static List<LabelledSeries> generate(int count, long seed, Density density, Noise noise) {
    List<LabelledSeries> feeds = new ArrayList<>();
    int[] lengths = density.lengths;
    for (int i = 0; i < count; i++) {
      Change kind = Change.values()[i % Change.values().length];
      int length = lengths[(i / Change.values().length) % lengths.length];
      feeds.add(feed(kind, length, seed * 1_000_003L + i, density.maxChanges, noise));
    }
    return feeds;
  }

  /** How a corpus of feeds of a density and noise is named in results. */
  public static String describe(int count, long seed, Density density, Noise noise) {
    return DATASET + density.suffix + noise.suffix + ":" + count + ":seed-" + seed;
  }

  /** One feed of {@code length} values with 1 to 3 changes of {@code kind}. */
  public static LabelledSeries feed(Change kind, int length, long seed) {
    return feed(kind, length, seed, Density.DENSE.maxChanges, Noise.LIGHT);
  }

  /** One feed of {@code length} values with 1 to {@code maxChanges} changes of {@code kind}. */
  static LabelledSeries feed(Change kind, int length, long seed, int maxChanges, Noise noiseKind) {
    SplittableRandom random = new SplittableRandom(seed);
    double level = random.nextDouble(-50, 500);
    double sigma = Math.exp(random.nextDouble(Math.log(0.1), Math.log(20)));
    double phi = random.nextDouble(0, 0.95);
    int period = new int[] {12, 24, 48, 96}[random.nextInt(4)];
    double amplitude = random.nextDouble() < 0.6 ? random.nextDouble(0, 4) * sigma : 0;
    double slope = random.nextDouble(-0.002, 0.002) * sigma;
    double[] noiseScale = filled(length, 1);
    double[] shift = new double[length];
    double[] frequency = filled(length, 1);
    double[] seasonScale = filled(length, 1);
    boolean[] flat = new boolean[length];
    int changes = 1 + random.nextInt(maxChanges);
    int[] changedAt = new int[changes];
    for (int c = 0; c < changes; c++) {
      int at = (int) (length * random.nextDouble(0.3, 0.95));
      changedAt[c] = at;
      int span = 20 + random.nextInt(180);
      switch (kind) {
        case LEVEL -> addFrom(shift, at, sign(random) * random.nextDouble(3, 10) * sigma);
        case VARIANCE -> scaleFrom(noiseScale, at, random.nextDouble(2.5, 6));
        case FREQUENCY -> scaleFrom(frequency, at, random.nextBoolean() ? 2.5 : 0.4);
        case NOISE_BURST -> scaleSpan(noiseScale, at, span, random.nextDouble(4, 10));
        case TREND_BREAK -> {
          double extra = sign(random) * random.nextDouble(0.02, 0.1) * sigma;
          for (int t = at; t < length; t++) {
            shift[t] += extra * (t - at);
          }
        }
        case SPIKES -> {
          for (int k = 0; k < 3; k++) {
            int t = Math.min(length - 1, at + random.nextInt(span));
            shift[t] += sign(random) * random.nextDouble(6, 12) * sigma;
          }
        }
        case FLAT_LINE -> {
          for (int t = at; t < Math.min(length, at + span); t++) {
            flat[t] = true;
          }
        }
        case SEASONALITY -> {
          if (amplitude == 0) {
            amplitude = sigma;
            for (int t = 0; t < at; t++) {
              seasonScale[t] = 0;
            }
          }
          scaleFrom(seasonScale, at, random.nextDouble(3, 6));
        }
      }
    }
    double[] values = new double[length];
    Instant[] times = new Instant[length];
    double noise = 0;
    double phase = 0;
    // the heavy noise draws from a stream of its own, so that the structure above stays the same
    SplittableRandom heavy = new SplittableRandom(seed ^ 0x5DEECE66DL);
    // and the benign spikes from a third, so that the spiky feed is the heavy one plus spikes
    SplittableRandom spikes = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
    double wander = 0;
    for (int t = 0; t < length; t++) {
      double innovation;
      if (noiseKind != Noise.LIGHT) {
        innovation = studentT(heavy) / Math.sqrt(HEAVY_DEGREES / (HEAVY_DEGREES - 2.0));
        wander += WANDER_STEP * sigma * heavy.nextGaussian();
      } else {
        innovation = random.nextDouble(-1.7320508, 1.7320508);
      }
      noise = phi * noise + Math.sqrt(1 - phi * phi) * innovation;
      phase += 2 * Math.PI * frequency[t] / period;
      double value =
          level
              + wander
              + slope * t
              + shift[t]
              + amplitude * seasonScale[t] * Math.sin(phase)
              + sigma * noiseScale[t] * noise;
      boolean spike = noiseKind == Noise.SPIKY && spikes.nextDouble() < SPIKE_RATE;
      double size = spike ? sign(spikes) * spikes.nextDouble(SPIKE_MIN, SPIKE_MAX) : 0;
      // not on a flat stretch, nor where one starts next (it would hold the spike's value)
      if (spike && !flat[t] && (t + 1 == length || !flat[t + 1])) {
        value += size * sigma;
      }
      values[t] = flat[t] && t > 0 ? values[t - 1] : value;
      times[t] = START.plus(Duration.ofMinutes(t));
    }
    String name =
        String.format(Locale.ROOT, "%s-%d-%d", kind.name().toLowerCase(Locale.ROOT), length, seed);
    return new LabelledSeries(DATASET, name, values, times, changeWindows(changedAt, length), 0);
  }

  /**
   * Windows of {@code WINDOW_SHARE · length / changes} values from each change, overlapping ones
   * merged, after NAB's probation.
   */
  static Truth.AnomalyWindows changeWindows(int[] changedAt, int length) {
    int[] starts = changedAt.clone();
    Arrays.sort(starts);
    int span = Math.max(1, (int) (WINDOW_SHARE * length / starts.length));
    List<IndexRange> windows = new ArrayList<>();
    for (int start : starts) {
      int last = Math.min(length - 1, start + span - 1);
      IndexRange previous = windows.isEmpty() ? null : windows.get(windows.size() - 1);
      if (previous != null && start <= previous.last() + 1) {
        windows.set(
            windows.size() - 1, new IndexRange(previous.first(), Math.max(last, previous.last())));
      } else {
        windows.add(new IndexRange(start, last));
      }
    }
    return new Truth.AnomalyWindows(windows, (int) (PROBATION_SHARE * length));
  }

  /** A Student-t draw of {@link #HEAVY_DEGREES} degrees of freedom: z / sqrt(chi-squared / k). */
  private static double studentT(SplittableRandom random) {
    double chiSquared = 0;
    for (int k = 0; k < HEAVY_DEGREES; k++) {
      double z = random.nextGaussian();
      chiSquared += z * z;
    }
    return random.nextGaussian() / Math.sqrt(chiSquared / HEAVY_DEGREES);
  }

  private static double sign(SplittableRandom random) {
    return random.nextBoolean() ? 1 : -1;
  }

  private static double[] filled(int length, double value) {
    double[] array = new double[length];
    Arrays.fill(array, value);
    return array;
  }

  private static void addFrom(double[] array, int from, double amount) {
    for (int t = from; t < array.length; t++) {
      array[t] += amount;
    }
  }

  private static void scaleFrom(double[] array, int from, double factor) {
    for (int t = from; t < array.length; t++) {
      array[t] *= factor;
    }
  }

  private static void scaleSpan(double[] array, int from, int span, double factor) {
    for (int t = from; t < Math.min(array.length, from + span); t++) {
      array[t] *= factor;
    }
  }
}
