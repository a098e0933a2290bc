package io.isowatch.connectors.synthetic;

import io.isowatch.connectors.pacing.Pacer;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Feeds of the kind the paper's data-generation process describes - linear trend, one or two
 * seasonal periods, a smooth Gaussian-process-like component and white noise - with regime changes
 * at known indices, so that alerts can be compared with the truth ({@link #changePoints()}).
 *
 * <pre>{@code
 * SyntheticFeed feed = SyntheticFeed.builder().feeds(4).length(2000).seed(7).build();
 * feed.run(event -> pipeline.accept(event));
 * List<RegimeChange> truth = feed.changePoints();
 * Instant firstChange = feed.timeOf(truth.get(0).index());
 * }</pre>
 *
 * <p>Feeds are named {@code synthetic-0} to {@code synthetic-(n-1)}. Each has {@code length}
 * observations at {@code start + i * cadence}; they are emitted index by index, every feed at index
 * i before any feed at i + 1, so event time never goes back. A feed's parameters ({@link
 * #profiles()}) are drawn from the seed and its index, so feed k is the same series whatever the
 * number of feeds, and the same seed gives the same observations on every run and every JDK.
 *
 * <p>Without a custom schedule, each feed changes once, in the second half, at a different index
 * ({@link #defaultSchedule}). Values are generated on the fly: memory does not grow with the
 * length. Pacing is as fast as the consumer takes them by default, or a fixed number of
 * observations per wall-clock second (all feeds together). {@link #close()} from another thread
 * stops {@link #run} within one observation.
 */
public final class SyntheticFeed implements ObservationSource {
  public static final String FEED_PREFIX = "synthetic-";
  public static final int DEFAULT_FEEDS = 4;
  public static final long DEFAULT_LENGTH = 2000;
  public static final long DEFAULT_SEED = 42;
  public static final Instant DEFAULT_START = Instant.parse("2024-01-01T00:00:00Z");
  public static final Duration DEFAULT_CADENCE = Duration.ofMinutes(1);

  /** Observations per second; 0 means as fast as the consumer takes them. */
  public static final double DEFAULT_RATE_PER_SECOND = 0;

  /** Magnitude of a default {@link RegimeChange.Kind#LEVEL_SHIFT}, in units of the feed's scale. */
  public static final double DEFAULT_LEVEL_SHIFT = 4.0;

  /** Noise standard deviation multiplier of a default {@link RegimeChange.Kind#VARIANCE_CHANGE}. */
  public static final double DEFAULT_VARIANCE_CHANGE = 3.0;

  /** Seasonal frequency multiplier of a default {@link RegimeChange.Kind#FREQUENCY_CHANGE}. */
  public static final double DEFAULT_FREQUENCY_CHANGE = 2.5;

  /** Noise standard deviation multiplier of a default {@link RegimeChange.Kind#NOISE_BURST}. */
  public static final double DEFAULT_NOISE_BURST = 6.0;

  private final int feeds;
  private final long length;
  private final long seed;
  private final Instant start;
  private final Duration cadence;
  private final double ratePerSecond;
  private final List<RegimeChange> changes;
  private final List<String> feedIds;
  private final Pacer pacer = new Pacer();

  private SyntheticFeed(Builder builder, List<RegimeChange> changes) {
    this.feeds = builder.feeds;
    this.length = builder.length;
    this.seed = builder.seed;
    this.start = builder.start;
    this.cadence = builder.cadence;
    this.ratePerSecond = builder.ratePerSecond;
    this.changes = changes;
    this.feedIds = IntStream.range(0, feeds).mapToObj(SyntheticFeed::feedId).toList();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The id of feed {@code index}: {@code "synthetic-" + index}. */
  public static String feedId(int index) {
    return FEED_PREFIX + index;
  }

  /**
   * One change per feed, spread over the second half: feed k of n changes at index {@code length /
   * 2 + (k + 1) * length / (2 (n + 1))}, and the kinds take turns (level shift, variance change,
   * frequency change, noise burst, level shift...) with the {@code DEFAULT_} magnitudes.
   */
  public static List<RegimeChange> defaultSchedule(int feeds, long length) {
    requireFeedsAndLength(feeds, length);
    RegimeChange.Kind[] kinds = RegimeChange.Kind.values();
    List<RegimeChange> schedule = new ArrayList<>();
    for (int k = 0; k < feeds; k++) {
      long index = length / 2 + (k + 1) * length / (2L * (feeds + 1));
      RegimeChange.Kind kind = kinds[k % kinds.length];
      schedule.add(new RegimeChange(feedId(k), index, kind, defaultMagnitude(kind)));
    }
    return List.copyOf(schedule);
  }

  private static double defaultMagnitude(RegimeChange.Kind kind) {
    return switch (kind) {
      case LEVEL_SHIFT -> DEFAULT_LEVEL_SHIFT;
      case VARIANCE_CHANGE -> DEFAULT_VARIANCE_CHANGE;
      case FREQUENCY_CHANGE -> DEFAULT_FREQUENCY_CHANGE;
      case NOISE_BURST -> DEFAULT_NOISE_BURST;
    };
  }

  /**
   * Emits every feed's observations, index by index, then returns; returns early once {@link
   * #close()} is called. Each call starts again from index 0 with the same values.
   */
  @Override
  public void run(Consumer<SourceEvent> downstream) throws InterruptedException {
    List<FeedGenerator> generators = generators();
    long startNanos = System.nanoTime();
    long emitted = 0;
    for (long i = 0; i < length; i++) {
      Instant time = timeOf(i);
      for (FeedGenerator generator : generators) {
        if (ratePerSecond > 0) {
          long deadline = startNanos + (long) (emitted * 1e9 / ratePerSecond);
          if (!pacer.awaitNanos(deadline)) {
            return;
          }
        } else if (pacer.stopped()) {
          return;
        }
        double value = generator.next();
        downstream.accept(
            new SourceEvent.Parsed(new Observation(generator.profile().feedId(), time, value)));
        emitted++;
      }
    }
  }

  /**
   * Every feed's observations in the order {@link #run} emits them, as one list (feeds x length of
   * them in memory, paced as {@code run} is): for tests and benchmarks that replay one input.
   */
  public List<Observation> observations() throws InterruptedException {
    List<Observation> observations = new ArrayList<>();
    run(
        event -> {
          if (event instanceof SourceEvent.Parsed parsed) {
            observations.add(parsed.observation());
          }
        });
    return observations;
  }

  private List<FeedGenerator> generators() {
    List<FeedGenerator> generators = new ArrayList<>(feeds);
    for (int k = 0; k < feeds; k++) {
      String id = feedIds.get(k);
      List<RegimeChange> own = changes.stream().filter(c -> c.feedId().equals(id)).toList();
      generators.add(new FeedGenerator(id, k, seed, own));
    }
    return generators;
  }

  @Override
  public String describe() {
    String pace =
        ratePerSecond > 0 ? String.format(Locale.ROOT, "%.6g obs/s", ratePerSecond) : "unpaced";
    return String.format(
        Locale.ROOT,
        "synthetic feed: %d feeds x %d observations every %s from %s, seed %d, %d regime changes, %s",
        feeds,
        length,
        cadence,
        start,
        seed,
        changes.size(),
        pace);
  }

  /** Stops {@link #run}, also while it waits for its pace; it cannot be restarted. */
  @Override
  public void close() {
    pacer.stop();
  }

  /** The regime changes, the truth to compare alerts with: ordered by index, then feed. */
  public List<RegimeChange> changePoints() {
    return changes;
  }

  /** The event time of observation {@code index} of every feed: {@code start + index * cadence}. */
  public Instant timeOf(long index) {
    return start.plus(cadence.multipliedBy(index));
  }

  /** The parameters each feed was drawn with, in feed order. */
  public List<FeedProfile> profiles() {
    return IntStream.range(0, feeds)
        .mapToObj(k -> new FeedGenerator(feedIds.get(k), k, seed, List.of()).profile())
        .toList();
  }

  public List<String> feedIds() {
    return feedIds;
  }

  public int feeds() {
    return feeds;
  }

  public long length() {
    return length;
  }

  public long seed() {
    return seed;
  }

  public Instant start() {
    return start;
  }

  public Duration cadence() {
    return cadence;
  }

  public double ratePerSecond() {
    return ratePerSecond;
  }

  private static void requireFeedsAndLength(int feeds, long length) {
    if (feeds < 1) {
      throw new IllegalArgumentException("feeds must be at least 1, got " + feeds);
    }
    if (length < 2) {
      throw new IllegalArgumentException("length must be at least 2, got " + length);
    }
  }

  /** Builds a {@link SyntheticFeed}; every field starts at its {@code DEFAULT_} constant. */
  public static final class Builder {
    private int feeds = DEFAULT_FEEDS;
    private long length = DEFAULT_LENGTH;
    private long seed = DEFAULT_SEED;
    private Instant start = DEFAULT_START;
    private Duration cadence = DEFAULT_CADENCE;
    private double ratePerSecond = DEFAULT_RATE_PER_SECOND;
    private List<RegimeChange> changes;

    private Builder() {}

    /** Number of feeds, named {@code synthetic-0} onwards. */
    public Builder feeds(int feeds) {
      this.feeds = feeds;
      return this;
    }

    /**
     * Observations per feed. For an effectively endless feed give a large length and a custom
     * schedule.
     */
    public Builder length(long length) {
      this.length = length;
      return this;
    }

    /** Seed of every draw; the same seed gives the same observations. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Event time of index 0. */
    public Builder start(Instant start) {
      this.start = start;
      return this;
    }

    /** Event time between two observations of a feed. */
    public Builder cadence(Duration cadence) {
      this.cadence = cadence;
      return this;
    }

    /** Observations per wall-clock second, all feeds together; 0 for as fast as possible. */
    public Builder ratePerSecond(double ratePerSecond) {
      this.ratePerSecond = ratePerSecond;
      return this;
    }

    /**
     * A custom schedule instead of {@link #defaultSchedule}; an empty list gives feeds without any
     * change.
     */
    public Builder changes(List<RegimeChange> changes) {
      this.changes = List.copyOf(changes);
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first invalid field
     */
    public SyntheticFeed build() {
      requireFeedsAndLength(feeds, length);
      if (start == null) {
        throw new IllegalArgumentException("start must not be null");
      }
      if (cadence == null || cadence.isNegative() || cadence.isZero()) {
        throw new IllegalArgumentException("cadence must be positive, got " + cadence);
      }
      if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
        throw new IllegalArgumentException(
            "ratePerSecond must be finite and at least 0, got " + ratePerSecond);
      }
      List<RegimeChange> schedule =
          changes == null ? defaultSchedule(feeds, length) : requireValid(changes);
      List<RegimeChange> ordered =
          schedule.stream()
              .sorted(
                  Comparator.comparingLong(RegimeChange::index)
                      .thenComparing(
                          c -> Integer.parseInt(c.feedId().substring(FEED_PREFIX.length()))))
              .toList();
      return new SyntheticFeed(this, ordered);
    }

    private List<RegimeChange> requireValid(List<RegimeChange> schedule) {
      Set<String> ids =
          IntStream.range(0, feeds).mapToObj(SyntheticFeed::feedId).collect(Collectors.toSet());
      for (int k = 0; k < schedule.size(); k++) {
        RegimeChange change = schedule.get(k);
        if (!ids.contains(change.feedId())) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "changes[%d].feedId must be one of %s..%s, got %s",
                  k,
                  feedId(0),
                  feedId(feeds - 1),
                  change.feedId()));
        }
        if (change.index() >= length) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "changes[%d].index must be below length %d, got %d",
                  k,
                  length,
                  change.index()));
        }
      }
      return schedule;
    }
  }
}
