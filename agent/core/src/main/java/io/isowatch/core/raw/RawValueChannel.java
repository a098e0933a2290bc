package io.isowatch.core.raw;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The raw-value channel of one feed: statistics of the values as they arrive (not min-max scaled
 * windows, which hide level and scale), against a trailing history of fixed length. Level shifts,
 * variance changes, range changes and noise bursts show here for as long as they last, not only
 * while a window straddles them.
 *
 * <p>Each {@link #add} compares the new value with the {@code longWindow} values before it (and the
 * newest {@code shortWindow} values with them), so a feature never includes the value it judges in
 * its own reference. Deviations are floored at {@link #RELATIVE_FLOOR} × |mean| and {@link
 * #ABSOLUTE_FLOOR}, so a flat stretch gives large but finite values. The Page-Hinkley and CUSUM
 * statistics run on values standardized by the long history (drift {@value #PH_DELTA}, slack
 * {@value #CUSUM_K}); they are features here, not alarms, so they never reset.
 *
 * <p>With {@code minHistory} below {@code longWindow} the features start once {@code minHistory}
 * values (and changes) are held, against the history held so far, so short feeds get them too.
 *
 * <p>The ADWIN-style statistic is the largest two-sample z of "the newest c values" against "the
 * values before them" over the cut points c of the held history and the new value (c and the rest
 * at least {@value #ADWIN_MIN_SIDE} values): the quantity ADWIN thresholds, here a feature.
 *
 * <p>Memory: two rings of {@code longWindow + 1} doubles (values and changes) and, when the channel
 * tracks the level shift, as many again (the older values in order and the newest block), so {@link
 * #memoryBytes} = 24 × (longWindow + 1) plus a few fields: 6.3 KB with the defaults. Two passes
 * over the history per {@link #add} (its mean and deviation), about a dozen per {@link #features}.
 * Not thread-safe; one instance per feed.
 */
public final class RawValueChannel {
  public static final int DEFAULT_SHORT_WINDOW = 16;
  public static final int DEFAULT_LONG_WINDOW = 256;
  static final double RELATIVE_FLOOR = 1e-6;
  static final double ABSOLUTE_FLOOR = 1e-12;
  static final double PH_DELTA = 0.1;
  static final double CUSUM_K = 0.5;
  static final int ADWIN_MIN_SIDE = 8;

  /** Bound on {@link #newestStepScaleZ}'s log variance ratio: e^12, far beyond any real change. */
  static final double LOG_VARIANCE_BOUND = 12;

  /** Lag of the autocorrelation whose change {@link #newestAutocorrelationZ} measures. */
  public static final int AUTOCORRELATION_LAG = 8;

  /** Values of each block whose lag autocorrelation {@link #newestAutocorrelationZ} compares. */
  public static final int AUTOCORRELATION_BLOCK = 32;

  /** Values between the ends of consecutive history blocks (so they overlap). */
  static final int AUTOCORRELATION_STEP = 8;

  /**
   * History blocks the autocorrelation z needs before it is defined: 5 overlapping blocks span 64
   * values, the agent's window; the spread of 3 (48 values) is too rough an estimate, and on the
   * synthetic ruler starting there lost 4 of the 242 windows caught (3 of them trend breaks).
   */
  static final int AUTOCORRELATION_MIN_BLOCKS = 5;

  /** Floor of the history blocks' spread: a perfectly regular history still gives a finite z. */
  static final double AUTOCORRELATION_SPREAD_FLOOR = 0.05;

  /**
   * Brings the autocorrelation z's tail to a normal's. The history blocks overlap, so their spread
   * understates the newest block's; on unchanged feeds (AR(1) noise with a sine, the synthetic
   * ruler's base process) the unscaled |z| exceeds 3.9 once in 500, where a normal's exceeds 3.09:
   * scaled by 0.8 it joins the peak on the same footing as the other z's (RawValueChannelTest
   * checks the tail).
   */
  static final double AUTOCORRELATION_TAIL_SCALE = 0.8;

  /** Newest values whose median {@link #newestLevelShiftZ} compares with the history's. */
  public static final int LEVEL_SHIFT_BLOCK = 32;

  /**
   * A block median's standard error in units of the values' deviation, times sqrt(block), for
   * independent normal values: sqrt(pi / 2).
   */
  static final double MEDIAN_STANDARD_ERROR = Math.sqrt(Math.PI / 2);

  /** A normal's deviation in units of its median absolute deviation. */
  static final double MAD_TO_DEVIATION = 1.4826;

  /**
   * Brings the level-shift z's tail to a normal's, as {@link #AUTOCORRELATION_TAIL_SCALE} does for
   * its statistic: neighbouring values of a real feed are correlated, so a block's median wanders
   * more than independent values' would; on unchanged feeds of the synthetic ruler's base process
   * the unscaled |z| exceeds 8.0 once in 500, where a normal's exceeds 3.09 (RawValueChannelTest
   * checks the scaled tail).
   */
  static final double LEVEL_SHIFT_TAIL_SCALE = 0.39;

  /** Changes the recent last-value error is averaged over (errors cluster). */
  static final int RECENT_ERROR_WINDOW = 4;

  private final int shortWindow;
  private final int longWindow;
  private final int minHistory;

  // package-private for RawValueChannelCodec, the only other reader and writer of this state
  final double[] values;
  final double[] changes;

  /**
   * The values older than the newest {@value #LEVEL_SHIFT_BLOCK} that the history holds, kept in
   * ascending order as they come and go ({@link #add}), so that {@link #newestLevelShiftZ} reads
   * their median and median absolute deviation without sorting; null when this channel does not
   * track the level shift. Derived from the value ring, so snapshots do not hold it.
   */
  private final double[] olderInOrder;

  private int olderCount;

  /** Room to reorder the newest block in for its median; no state. */
  private final double[] newestBlock;

  long seen;
  double phMean;
  long phCount;
  double phUp;
  double phUpMin;
  double phDown;
  double phDownMin;
  double cusumUp;
  double cusumDown;

  /**
   * The ADWIN statistic's sqrt(1/c + 1/rest) for a full history (longWindow + 1 values), as every
   * call of the features after warm-up needs them: one read-only table per history length, shared
   * by all channels, so that no call takes a square root per cut point.
   */
  private static final ConcurrentMap<Integer, double[]> FULL_CUT_SPANS = new ConcurrentHashMap<>();

  private final double[] fullSpans;

  public RawValueChannel() {
    this(DEFAULT_SHORT_WINDOW, DEFAULT_LONG_WINDOW);
  }

  /**
   * @param shortWindow values of the recent stretch (at least 2)
   * @param longWindow values of the trailing history (more than {@code shortWindow})
   */
  public RawValueChannel(int shortWindow, int longWindow) {
    this(shortWindow, longWindow, longWindow);
  }

  /**
   * @param shortWindow values of the recent stretch (at least 2)
   * @param longWindow values of the trailing history (more than {@code shortWindow})
   * @param minHistory history values the features need (more than {@code shortWindow}, at most
   *     {@code longWindow})
   */
  public RawValueChannel(int shortWindow, int longWindow, int minHistory) {
    this(shortWindow, longWindow, minHistory, longWindow >= 2 * LEVEL_SHIFT_BLOCK);
  }

  /**
   * @param shortWindow values of the recent stretch (at least 2)
   * @param longWindow values of the trailing history (more than {@code shortWindow})
   * @param minHistory history values the features need (more than {@code shortWindow}, at most
   *     {@code longWindow})
   * @param levelShift whether to keep the older values in order for {@link #newestLevelShiftZ} (a
   *     little work at every value; needs {@code longWindow} of at least twice {@value
   *     #LEVEL_SHIFT_BLOCK})
   */
  public RawValueChannel(int shortWindow, int longWindow, int minHistory, boolean levelShift) {
    if (shortWindow < 2 || longWindow <= shortWindow) {
      throw new IllegalArgumentException(
          "need 2 <= shortWindow < longWindow, got " + shortWindow + " and " + longWindow);
    }
    if (minHistory <= Math.max(shortWindow, 2 * ADWIN_MIN_SIDE) || minHistory > longWindow) {
      throw new IllegalArgumentException(
          "need max(shortWindow, "
              + 2 * ADWIN_MIN_SIDE
              + ") < minHistory <= longWindow, got "
              + minHistory);
    }
    this.shortWindow = shortWindow;
    this.longWindow = longWindow;
    this.minHistory = minHistory;
    this.values = new double[longWindow + 1];
    this.changes = new double[longWindow + 1];
    if (levelShift && longWindow < 2 * LEVEL_SHIFT_BLOCK) {
      throw new IllegalArgumentException(
          "the level shift needs longWindow >= " + 2 * LEVEL_SHIFT_BLOCK + ", got " + longWindow);
    }
    this.olderInOrder = levelShift ? new double[longWindow + 1 - LEVEL_SHIFT_BLOCK] : null;
    this.newestBlock = levelShift ? new double[LEVEL_SHIFT_BLOCK] : null;
    this.fullSpans = FULL_CUT_SPANS.computeIfAbsent(longWindow + 1, RawValueChannel::cutSpans);
  }

  /**
   * Takes the next value and returns its z against the history before it, NaN until {@code
   * minHistory + 1} values have been seen before it (the history and one change more). Only what
   * must see every value is done here (the z, Page-Hinkley, CUSUM); {@link #features} computes the
   * rest when asked, since a monitor reads them once a window, not once a value.
   *
   * @throws IllegalArgumentException if the value is not finite
   */
  public double add(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, got " + value);
    }
    int slot = (int) (seen % values.length);
    double overwritten = values[slot];
    values[slot] = value;
    changes[slot] = seen == 0 ? 0 : value - values[(int) ((seen - 1) % values.length)];
    seen++;
    if (olderInOrder != null) {
      keepOlderInOrder(overwritten);
    }
    if (held() < minHistory) {
      return Double.NaN;
    }
    double z = newestZ(values, held());
    pageHinkley(z);
    cusum(z);
    return z;
  }

  /**
   * The newest value's step (its change from the value before) as a z against the steps before it,
   * as {@link RawFeatures} computes {@code raw_change_z}; NaN while {@link #add} returns NaN. A
   * step z sees what a value z against a seasonal history hides: a jump within the usual range, a
   * burst of noise on a smooth signal, a spike on a slope.
   */
  public double newestChangeZ() {
    int held = held();
    if (held < minHistory) {
      return Double.NaN;
    }
    return newestZ(changes, held);
  }

  /**
   * How far the level of the newest {@value #LEVEL_SHIFT_BLOCK} values left that of the values
   * before them, robustly: the difference of their medians, in units of the older values' robust
   * deviation ({@value #MAD_TO_DEVIATION} times their median absolute deviation) and of a block
   * median's standard error, scaled by {@value #LEVEL_SHIFT_TAIL_SCALE} to a normal's tail. A
   * median and a MAD ignore a few spikes, where a mean and a deviation do not: on a feed with
   * benign one-value spikes, the value z reads each spike as large as a sustained jump, and once
   * the change rule's history holds some spikes, it ranks the jump no higher. This statistic sees
   * the jump and not the spikes. NaN while {@link #add} returns NaN or fewer than {@value
   * #LEVEL_SHIFT_BLOCK} values precede the block; a flat history gives a large but finite value
   * (its deviation is floored as elsewhere).
   */
  public double newestLevelShiftZ() {
    if (olderInOrder == null || held() < minHistory || olderCount < LEVEL_SHIFT_BLOCK) {
      return Double.NaN;
    }
    for (int k = 0, index = slot(seen - 1); k < LEVEL_SHIFT_BLOCK; k++, index = older(index)) {
      newestBlock[k] = values[index];
    }
    double recent = median(newestBlock, 0, LEVEL_SHIFT_BLOCK);
    int n = olderCount;
    double history =
        n % 2 == 1 ? olderInOrder[n / 2] : 0.5 * (olderInOrder[n / 2 - 1] + olderInOrder[n / 2]);
    double deviation = MAD_TO_DEVIATION * medianDistanceFrom(history);
    double standardError =
        floored(deviation, history) * MEDIAN_STANDARD_ERROR / Math.sqrt(LEVEL_SHIFT_BLOCK);
    return LEVEL_SHIFT_TAIL_SCALE * (recent - history) / standardError;
  }

  /**
   * The older values are those of the history before the newest {@value #LEVEL_SHIFT_BLOCK}: value
   * positions {@code max(1, seen - longWindow - 1)} to {@code seen - 1 - LEVEL_SHIFT_BLOCK} (the
   * history excludes the first value, which has no step). After each value one position enters (the
   * value that just left the newest block) and, once the ring is full, one leaves (the value the
   * ring overwrote).
   */
  private void keepOlderInOrder(double overwritten) {
    if (seen >= longWindow + 3) {
      remove(overwritten);
    }
    if (seen >= LEVEL_SHIFT_BLOCK + 2) {
      insert(values[slot(seen - 1 - LEVEL_SHIFT_BLOCK)]);
    }
  }

  private void insert(double value) {
    int at = lowerBound(value);
    System.arraycopy(olderInOrder, at, olderInOrder, at + 1, olderCount - at);
    olderInOrder[at] = value;
    olderCount++;
  }

  private void remove(double value) {
    int at = lowerBound(value);
    System.arraycopy(olderInOrder, at + 1, olderInOrder, at, olderCount - at - 1);
    olderCount--;
  }

  /** The first position of the older values whose value is not below {@code value}. */
  private int lowerBound(double value) {
    int lo = 0;
    int hi = olderCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (olderInOrder[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The median of the older values' distances from {@code center} (their median): walking out from
   * it, the next distance is the nearer of the next value below and the next above, so the k-th
   * smallest distance takes k steps and no sort.
   */
  private double medianDistanceFrom(double center) {
    int n = olderCount;
    int above = lowerBound(center);
    int below = above - 1;
    double previous = 0;
    double current = 0;
    for (int t = 0; t <= n / 2; t++) {
      previous = current;
      if (below < 0
          || (above < n && olderInOrder[above] - center <= center - olderInOrder[below])) {
        current = olderInOrder[above++] - center;
      } else {
        current = center - olderInOrder[below--];
      }
    }
    return n % 2 == 1 ? current : 0.5 * (previous + current);
  }

  /** Rebuilds the older values' order from the ring, after a restore. */
  void reorderOlder() {
    if (olderInOrder == null) {
      return;
    }
    olderCount = 0;
    long first = Math.max(1, seen - longWindow - 1);
    for (long position = first; position <= seen - 1 - LEVEL_SHIFT_BLOCK; position++) {
      insert(values[slot(position)]);
    }
  }

  /**
   * The median of the entries {@code from} (inclusive) to {@code to} (exclusive), which it
   * reorders: a selection in linear expected time, not a sort, since it runs at every view and the
   * trust computation's budget is a few microseconds.
   */
  private static double median(double[] a, int from, int to) {
    int middle = from + (to - from) / 2;
    select(a, from, to - 1, middle);
    if ((to - from) % 2 == 1) {
      return a[middle];
    }
    // the lower middle is the largest entry left of the upper one, which selection put there
    double lower = a[from];
    for (int k = from + 1; k < middle; k++) {
      lower = Math.max(lower, a[k]);
    }
    return 0.5 * (lower + a[middle]);
  }

  /**
   * Reorders {@code a[lo..hi]} so that {@code a[k]} holds the entry a sort would put there, the
   * smaller ones left of it and the larger right (Hoare's selection, median-of-three pivots).
   */
  private static void select(double[] a, int lo, int hi, int k) {
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < a[lo]) {
        swap(a, mid, lo);
      }
      if (a[hi] < a[lo]) {
        swap(a, hi, lo);
      }
      if (a[hi] < a[mid]) {
        swap(a, hi, mid);
      }
      double pivot = a[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(a, i++, j--);
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  /**
   * How far the scale of the newest {@code shortWindow} steps left that of the steps before them:
   * ln(s_new² / s_old²), the log ratio of their sample variances, divided by sqrt(2 / (shortWindow
   * - 1)), that log ratio's spread when the steps keep one Gaussian scale; so roughly a z, positive
   * when the steps grew (a burst of noise, a faster cycle), negative when they shrank (a flat line,
   * a slower cycle). The log ratio is bounded at ±{@value #LOG_VARIANCE_BOUND}, so a flat stretch
   * gives a large but finite value. NaN while {@link #add} returns NaN or fewer than {@code
   * shortWindow + 2} steps are held.
   */
  public double newestStepScaleZ() {
    int held = held();
    if (held < minHistory || held + 1 - shortWindow < 2) {
      return Double.NaN;
    }
    Stats newest = stats(changes, shortWindow, 0);
    Stats before = stats(changes, held + 1 - shortWindow, shortWindow);
    double spread = floored(before.deviation(), before.mean());
    double logRatio = 2 * Math.log(Math.max(newest.deviation(), Double.MIN_NORMAL) / spread);
    double bounded = Math.max(-LOG_VARIANCE_BOUND, Math.min(LOG_VARIANCE_BOUND, logRatio));
    return bounded / Math.sqrt(2.0 / (shortWindow - 1));
  }

  /**
   * How far the rhythm of the newest values left that of the values before them: the lag-{@value
   * #AUTOCORRELATION_LAG} autocorrelation of the newest {@value #AUTOCORRELATION_BLOCK} values as a
   * z against the same autocorrelation of the blocks before them (one ending every {@value
   * #AUTOCORRELATION_STEP} values, as far back as the history reaches), scaled by {@value
   * #AUTOCORRELATION_TAIL_SCALE} to a normal's tail. A faster or slower cycle changes how values
   * {@value #AUTOCORRELATION_LAG} apart move together while every value stays in its range and,
   * when noise dominates the steps, their scale hardly moves: this is the statistic that sees it.
   * Positive when the newest values move together more (a slower cycle, a smoother stretch). NaN
   * while {@link #add} returns NaN or fewer than {@value #AUTOCORRELATION_MIN_BLOCKS} history
   * blocks are held (96 values with the newest).
   */
  public double newestAutocorrelationZ() {
    int held = held();
    int count = held + 1;
    // below 2 blocks of values this is at most 1 (Java's division truncates toward 0)
    int blocks = (count - 2 * AUTOCORRELATION_BLOCK) / AUTOCORRELATION_STEP + 1;
    if (held < minHistory || blocks < AUTOCORRELATION_MIN_BLOCKS) {
      return Double.NaN;
    }
    double newest = blockAutocorrelation(0);
    double sum = 0;
    double squares = 0;
    for (int b = 0; b < blocks; b++) {
      double r = blockAutocorrelation(AUTOCORRELATION_BLOCK + b * AUTOCORRELATION_STEP);
      sum += r;
      squares += r * r;
    }
    double mean = sum / blocks;
    double spread = Math.sqrt(Math.max(0, (squares - blocks * mean * mean) / (blocks - 1)));
    return AUTOCORRELATION_TAIL_SCALE
        * (newest - mean)
        / Math.max(spread, AUTOCORRELATION_SPREAD_FLOOR);
  }

  /**
   * The lag autocorrelation of the {@value #AUTOCORRELATION_BLOCK} values that end {@code skip}
   * values before the newest, about the block's own mean; 0 for a flat block.
   */
  private double blockAutocorrelation(int skip) {
    int newestSlot = slot(seen - 1 - skip);
    double sum = 0;
    for (int k = 0, index = newestSlot; k < AUTOCORRELATION_BLOCK; k++, index = older(index)) {
      sum += values[index];
    }
    double mean = sum / AUTOCORRELATION_BLOCK;
    double squares = 0;
    double products = 0;
    int lagged = newestSlot;
    for (int k = 0; k < AUTOCORRELATION_LAG; k++) {
      lagged = older(lagged);
    }
    for (int k = 0, index = newestSlot; k < AUTOCORRELATION_BLOCK; k++, index = older(index)) {
      double d = values[index] - mean;
      squares += d * d;
      if (k < AUTOCORRELATION_BLOCK - AUTOCORRELATION_LAG) {
        products += d * (values[lagged] - mean);
        lagged = older(lagged);
      }
    }
    return squares > 0 ? products / squares : 0;
  }

  /** The features as of the newest value; empty while {@link #add} returns NaN. */
  public Optional<RawFeatures> features() {
    int held = held();
    if (held < minHistory) {
      return Optional.empty();
    }
    int newest = slot(seen - 1);
    double value = values[newest];
    double change = changes[newest];
    Stats history = stats(values, held, 1);
    Stats changeHistory = stats(changes, held, 1);
    Stats recentErrors = stats(changes, RECENT_ERROR_WINDOW, 0);
    Stats recent = stats(values, shortWindow, 0);
    Stats recentChanges = stats(changes, shortWindow, 0);
    double sd = floored(history.deviation(), history.mean());
    double changeSd = floored(changeHistory.deviation(), changeHistory.mean());
    return Optional.of(
        new RawFeatures(
            valueZ(value, history),
            (change - changeHistory.mean()) / changeSd,
            floored(recentChanges.deviation(), 0) / changeSd,
            floored(recent.max() - recent.min(), 0)
                / floored(history.max() - history.min(), history.mean()),
            (recent.mean() - history.mean()) / sd,
            Math.max(phUp - phUpMin, phDown - phDownMin),
            Math.max(cusumUp, cusumDown),
            Math.abs(change) / floored(changeHistory.meanAbsolute(), changeHistory.mean()),
            recentErrors.meanAbsolute()
                / floored(changeHistory.meanAbsolute(), changeHistory.mean()),
            adwin(held + 1, sd, history.mean())));
  }

  /** History values (and changes) held before the newest value, at most {@code longWindow}. */
  private int held() {
    return (int) Math.min(seen - 2, longWindow);
  }

  private static double valueZ(double value, Stats history) {
    return (value - history.mean()) / floored(history.deviation(), history.mean());
  }

  /**
   * The z of the newest entry of {@code ring} (values or changes) against the {@code count} entries
   * before it: the mean and deviation of {@link #stats}, summed in the same order (so the same to
   * the last bit) without the parts only {@link #features} needs. Every value pays for this (for
   * both rings, in the long channel), so it does no more.
   */
  private double newestZ(double[] ring, int count) {
    int first = slot(seen - 2);
    double sum = 0;
    for (int k = 0, index = first; k < count; k++, index = older(index)) {
      sum += ring[index];
    }
    double mean = sum / count;
    double squares = 0;
    for (int k = 0, index = first; k < count; k++, index = older(index)) {
      double d = ring[index] - mean;
      squares += d * d;
    }
    return (ring[slot(seen - 1)] - mean) / floored(Math.sqrt(squares / (count - 1)), mean);
  }

  /** The largest two-sample z over the cut points of the newest {@code count} values. */
  private double adwin(int count, double sd, double level) {
    int newestSlot = slot(seen - 1);
    double total = 0;
    for (int k = 0, index = newestSlot; k < count; k++, index = older(index)) {
      total += values[index];
    }
    double[] spans = count == fullSpans.length ? fullSpans : null;
    double floor = floored(sd, level);
    double newest = 0;
    double best = 0;
    for (int c = 1, index = newestSlot; c <= count - ADWIN_MIN_SIDE; c++, index = older(index)) {
      newest += values[index];
      if (c < ADWIN_MIN_SIDE) {
        continue;
      }
      int rest = count - c;
      double difference = newest / c - (total - newest) / rest;
      double span = spans != null ? spans[c] : cutSpan(c, rest);
      double z = Math.abs(difference) / (floor * span);
      best = Math.max(best, z);
    }
    return best;
  }

  /** sqrt(1/c + 1/(count - c)) for every cut point c of {@code count} values. */
  private static double[] cutSpans(int count) {
    double[] spans = new double[count];
    for (int c = 1; c < count; c++) {
      spans[c] = cutSpan(c, count - c);
    }
    return spans;
  }

  private static double cutSpan(int newest, int rest) {
    return Math.sqrt(1.0 / newest + 1.0 / rest);
  }

  private void pageHinkley(double z) {
    phCount++;
    phMean += (z - phMean) / phCount;
    phUp += z - phMean - PH_DELTA;
    phUpMin = Math.min(phUpMin, phUp);
    phDown += phMean - z - PH_DELTA;
    phDownMin = Math.min(phDownMin, phDown);
  }

  private void cusum(double z) {
    cusumUp = Math.max(0, cusumUp + z - CUSUM_K);
    cusumDown = Math.max(0, cusumDown - z - CUSUM_K);
  }

  /** Mean, deviation, mean |x|, min and max of {@code count} ring entries, {@code skip} back. */
  private Stats stats(double[] ring, int count, int skip) {
    double sum = 0;
    double absolute = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int first = slot(seen - 1 - skip);
    for (int k = 0, index = first; k < count; k++, index = older(index)) {
      double x = ring[index];
      sum += x;
      absolute += Math.abs(x);
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    double mean = sum / count;
    double squares = 0;
    for (int k = 0, index = first; k < count; k++, index = older(index)) {
      double d = ring[index] - mean;
      squares += d * d;
    }
    return new Stats(mean, Math.sqrt(squares / (count - 1)), absolute / count, min, max);
  }

  /** The ring slot of the value (and change) with 0-based arrival number {@code n}. */
  private int slot(long n) {
    return (int) (n % values.length);
  }

  /**
   * The slot of the value that arrived just before the one in {@code index} (both rings have the
   * same length): the rings are walked newest to oldest without a long division per entry.
   */
  private int older(int index) {
    return index == 0 ? values.length - 1 : index - 1;
  }

  private static double floored(double spread, double level) {
    return Math.max(spread, Math.max(RELATIVE_FLOOR * Math.abs(level), ABSOLUTE_FLOOR));
  }

  /** Values seen so far. */
  public long seen() {
    return seen;
  }

  /** Bytes this channel holds, at most. */
  public long memoryBytes() {
    return 16L * (longWindow + 1)
        + (olderInOrder == null ? 0 : 8L * (olderInOrder.length + newestBlock.length))
        + 128;
  }

  private record Stats(
      double mean, double deviation, double meanAbsolute, double min, double max) {}
}
