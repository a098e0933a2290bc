package io.isowatch.connectors.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.connectors.synthetic.RegimeChange.Kind;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.io.SourceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticFeedTest {
  /** Window of the before/after statistics, in observations of one feed. */
  private static final int WINDOW = 200;

  /** Indices of the default schedule's first half: no feed changes there. */
  private static final int[] QUIET_POINTS = {400, 700};

  private static List<Observation> observations(SyntheticFeed feed) throws Exception {
    List<Observation> out = new ArrayList<>();
    feed.run(event -> out.add(((SourceEvent.Parsed) event).observation()));
    return out;
  }

  private static Map<String, double[]> seriesByFeed(SyntheticFeed feed) throws Exception {
    Map<String, List<Double>> lists = new LinkedHashMap<>();
    for (Observation o : observations(feed)) {
      lists.computeIfAbsent(o.feedId(), k -> new ArrayList<>()).add(o.value());
    }
    Map<String, double[]> series = new LinkedHashMap<>();
    lists.forEach((id, values) -> series.put(id, values.stream().mapToDouble(v -> v).toArray()));
    return series;
  }

  private static double mean(double[] x, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += x[i];
    }
    return sum / (to - from);
  }

  /**
   * Sample variance of the second differences x[t+2] - 2 x[t+1] + x[t] in [from, to): they cancel
   * level, trend and nearly all of the smooth components, so what is left is mostly the noise (6
   * sigma^2 for white noise).
   */
  private static double secondDifferenceVariance(double[] x, int from, int to) {
    int n = to - from - 2;
    double[] d = new double[n];
    for (int t = 0; t < n; t++) {
      d[t] = x[from + t + 2] - 2 * x[from + t + 1] + x[from + t];
    }
    double m = 0;
    for (double v : d) {
      m += v;
    }
    m /= n;
    double ss = 0;
    for (double v : d) {
      ss += (v - m) * (v - m);
    }
    return ss / (n - 1);
  }

  /**
   * Amplitude of the sinusoid of frequency f (cycles per observation) in [from, to): one DFT bin.
   */
  private static double amplitudeAt(double[] x, int from, int to, double f) {
    double m = mean(x, from, to);
    double re = 0;
    double im = 0;
    for (int t = from; t < to; t++) {
      re += (x[t] - m) * Math.cos(2 * Math.PI * f * t);
      im += (x[t] - m) * Math.sin(2 * Math.PI * f * t);
    }
    return 2 * Math.hypot(re, im) / (to - from);
  }

  @Test
  void sameSeedGivesIdenticalObservations() throws Exception {
    List<Observation> first = observations(SyntheticFeed.builder().seed(11).length(500).build());
    List<Observation> second = observations(SyntheticFeed.builder().seed(11).length(500).build());

    assertThat(first).hasSize(4 * 500).isEqualTo(second);
  }

  @Test
  void runningTwiceReplaysTheSameSeries() throws Exception {
    SyntheticFeed feed = SyntheticFeed.builder().seed(3).length(300).build();

    assertThat(observations(feed)).isEqualTo(observations(feed));
  }

  @Test
  void differentSeedsGiveDifferentSeriesForEveryFeed() throws Exception {
    Map<String, double[]> a = seriesByFeed(SyntheticFeed.builder().seed(1).length(200).build());
    Map<String, double[]> b = seriesByFeed(SyntheticFeed.builder().seed(2).length(200).build());

    for (String id : a.keySet()) {
      int equal = 0;
      for (int i = 0; i < 200; i++) {
        if (a.get(id)[i] == b.get(id)[i]) {
          equal++;
        }
      }
      assertThat(equal).as(id).isZero();
    }
  }

  @Test
  void aFeedIsTheSameSeriesWhateverTheNumberOfFeeds() throws Exception {
    Map<String, double[]> two =
        seriesByFeed(SyntheticFeed.builder().feeds(2).changes(List.of()).length(300).build());
    Map<String, double[]> five =
        seriesByFeed(SyntheticFeed.builder().feeds(5).changes(List.of()).length(300).build());

    assertThat(two.get("synthetic-1")).containsExactly(five.get("synthetic-1"));
  }

  @Test
  void eventTimesFollowTheCadenceIndexByIndexAcrossFeeds() throws Exception {
    Instant start = Instant.parse("2020-03-01T12:00:00Z");
    Duration cadence = Duration.ofSeconds(15);
    SyntheticFeed feed =
        SyntheticFeed.builder().feeds(3).length(50).start(start).cadence(cadence).build();

    List<Observation> out = observations(feed);

    assertThat(feed.feedIds()).containsExactly("synthetic-0", "synthetic-1", "synthetic-2");
    assertThat(out).hasSize(150);
    for (int k = 0; k < out.size(); k++) {
      int index = k / 3;
      assertThat(out.get(k).feedId()).isEqualTo("synthetic-" + (k % 3));
      assertThat(out.get(k).eventTime()).isEqualTo(start.plusSeconds(15L * index));
      assertThat(out.get(k).value()).isFinite();
    }
    assertThat(feed.timeOf(7)).isEqualTo(Instant.parse("2020-03-01T12:01:45Z"));
  }

  @Test
  void defaultScheduleChangesEachFeedOnceInTheSecondHalfAtDifferentPoints() {
    SyntheticFeed feed = SyntheticFeed.builder().feeds(4).length(2000).build();

    // length / 2 + (k + 1) * length / (2 * 5) for k = 0..3
    assertThat(feed.changePoints())
        .containsExactly(
            new RegimeChange("synthetic-0", 1200, Kind.LEVEL_SHIFT, 4.0),
            new RegimeChange("synthetic-1", 1400, Kind.VARIANCE_CHANGE, 3.0),
            new RegimeChange("synthetic-2", 1600, Kind.FREQUENCY_CHANGE, 2.5),
            new RegimeChange("synthetic-3", 1800, Kind.NOISE_BURST, 6.0));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2024})
  void eachScheduledChangeMovesItsStatisticAndQuietPointsDoNot(long seed) throws Exception {
    SyntheticFeed feed = SyntheticFeed.builder().seed(seed).feeds(4).length(2000).build();
    Map<String, double[]> series = seriesByFeed(feed);

    for (RegimeChange change : feed.changePoints()) {
      double[] x = series.get(change.feedId());
      FeedProfile profile = profileOf(feed, change.feedId());
      int c = (int) change.index();
      String what = "seed " + seed + ", " + change;
      switch (change.kind()) {
        case LEVEL_SHIFT -> {
          double shift = change.magnitude() * profile.scale();
          assertThat(mean(x, c, c + WINDOW) - mean(x, c - WINDOW, c))
              .as(what)
              .isGreaterThan(0.5 * shift);
          for (int q : QUIET_POINTS) {
            assertThat(Math.abs(mean(x, q, q + WINDOW) - mean(x, q - WINDOW, q)))
                .as(what + " at quiet point " + q)
                .isLessThan(0.5 * shift);
          }
        }
        case VARIANCE_CHANGE -> {
          // noise sd x3: the noise variance x9, diluted a little by the seasonal curvature
          assertThat(varianceRatio(x, c, WINDOW)).as(what).isGreaterThan(3.0);
          for (int q : QUIET_POINTS) {
            assertThat(varianceRatio(x, q, WINDOW)).as(what + " at " + q).isBetween(0.4, 2.5);
          }
        }
        case NOISE_BURST -> {
          int burst = RegimeChange.BURST_LENGTH;
          assertThat(varianceRatio(x, c, burst)).as(what).isGreaterThan(6.0);
          for (int q : QUIET_POINTS) {
            assertThat(varianceRatio(x, q, burst)).as(what + " at " + q).isBetween(0.2, 4.0);
          }
          // and the burst is over after BURST_LENGTH observations
          assertThat(
                  secondDifferenceVariance(x, c + burst, c + 2 * burst)
                      / secondDifferenceVariance(x, c - burst, c))
              .as(what + " after the burst")
              .isBetween(0.2, 4.0);
        }
        case FREQUENCY_CHANGE -> {
          double amplitude = profile.seasonalAmplitudes().get(0);
          double newFrequency = change.magnitude() / profile.seasonalPeriods().get(0);
          double oldFrequency = 1 / profile.seasonalPeriods().get(0);
          assertThat(amplitudeAt(x, c, c + WINDOW, newFrequency))
              .as(what)
              .isGreaterThan(0.6 * amplitude);
          assertThat(amplitudeAt(x, c - WINDOW, c, newFrequency))
              .as(what)
              .isLessThan(0.3 * amplitude);
          assertThat(amplitudeAt(x, c - WINDOW, c, oldFrequency))
              .as(what)
              .isGreaterThan(0.6 * amplitude);
          for (int q : QUIET_POINTS) {
            assertThat(amplitudeAt(x, q, q + WINDOW, newFrequency))
                .as(what + " at " + q)
                .isLessThan(0.3 * amplitude);
          }
        }
      }
    }
  }

  private static double varianceRatio(double[] x, int at, int window) {
    return secondDifferenceVariance(x, at, at + window)
        / secondDifferenceVariance(x, at - window, at);
  }

  private static FeedProfile profileOf(SyntheticFeed feed, String id) {
    return feed.profiles().stream().filter(p -> p.feedId().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void customScheduleAppliesEveryChangeOfAFeedInOrder() throws Exception {
    List<RegimeChange> custom =
        List.of(
            new RegimeChange("synthetic-1", 1000, Kind.LEVEL_SHIFT, -5.0),
            new RegimeChange("synthetic-1", 500, Kind.LEVEL_SHIFT, 5.0));
    SyntheticFeed feed =
        SyntheticFeed.builder().feeds(2).length(1500).seed(9).changes(custom).build();
    SyntheticFeed calm =
        SyntheticFeed.builder().feeds(2).length(1500).seed(9).changes(List.of()).build();
    double[] x = seriesByFeed(feed).get("synthetic-1");
    double[] base = seriesByFeed(calm).get("synthetic-1");
    double shift = 5.0 * profileOf(feed, "synthetic-1").scale();

    assertThat(feed.changePoints()).containsExactly(custom.get(1), custom.get(0));
    // a level shift only adds to the calm series: same noise, same components
    for (int i = 0; i < 1500; i++) {
      double expected = i >= 500 && i < 1000 ? base[i] + shift : base[i];
      assertThat(x[i]).as("index " + i).isCloseTo(expected, within(1e-9 * shift));
    }
    assertThat(seriesByFeed(feed).get("synthetic-0"))
        .containsExactly(seriesByFeed(calm).get("synthetic-0"));
  }

  @Test
  void profilesStayWithinTheDocumentedRanges() {
    for (FeedProfile p : SyntheticFeed.builder().feeds(8).seed(5).build().profiles()) {
      double s = p.scale();
      assertThat(s).isBetween(FeedGenerator.MIN_SCALE, FeedGenerator.MAX_SCALE);
      assertThat(p.level() / s).isBetween(FeedGenerator.MIN_LEVEL, FeedGenerator.MAX_LEVEL);
      assertThat(p.seasonalPeriods()).hasSizeBetween(1, 2);
      assertThat(p.seasonalPeriods().get(0))
          .isBetween((double) FeedGenerator.MIN_PERIOD, (double) FeedGenerator.MAX_PERIOD);
      assertThat(p.noiseSigma() / s).isBetween(FeedGenerator.MIN_NOISE, FeedGenerator.MAX_NOISE);
      assertThat(p.gpLengthscale())
          .isBetween(FeedGenerator.MIN_GP_LENGTHSCALE, FeedGenerator.MAX_GP_LENGTHSCALE);
    }
  }

  @Test
  void pacedEmissionTakesAboutTheRequestedTime() throws Exception {
    SyntheticFeed feed = SyntheticFeed.builder().feeds(1).length(20).ratePerSecond(100).build();

    long start = System.nanoTime();
    List<Observation> out = observations(feed);
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(out).hasSize(20);
    assertThat(seconds).isGreaterThanOrEqualTo(0.15); // 19 gaps of 10 ms
  }

  @Test
  void closeStopsAPacedRunEarly() throws Exception {
    SyntheticFeed feed = SyntheticFeed.builder().feeds(2).length(10_000).ratePerSecond(50).build();
    AtomicInteger seen = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(3);
    Thread runner =
        new Thread(
            () -> {
              try {
                feed.run(
                    event -> {
                      seen.incrementAndGet();
                      started.countDown();
                    });
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    runner.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    feed.close();
    runner.join(10_000);

    assertThat(runner.isAlive()).isFalse();
    assertThat(seen.get()).isLessThan(20_000);
  }

  @Test
  void describeNamesTheShapeAndPace() {
    assertThat(
            SyntheticFeed.builder()
                .feeds(2)
                .length(10)
                .seed(5)
                .ratePerSecond(50)
                .build()
                .describe())
        .isEqualTo(
            "synthetic feed: 2 feeds x 10 observations every PT1M from 2024-01-01T00:00:00Z,"
                + " seed 5, 2 regime changes, 50.0000 obs/s");
  }

  @Test
  void builderRejectsInvalidFieldsByName() {
    assertThatThrownBy(() -> SyntheticFeed.builder().feeds(0).build())
        .hasMessage("feeds must be at least 1, got 0");
    assertThatThrownBy(() -> SyntheticFeed.builder().length(1).build())
        .hasMessage("length must be at least 2, got 1");
    assertThatThrownBy(() -> SyntheticFeed.builder().cadence(Duration.ZERO).build())
        .hasMessage("cadence must be positive, got PT0S");
    assertThatThrownBy(() -> SyntheticFeed.builder().ratePerSecond(-1).build())
        .hasMessage("ratePerSecond must be finite and at least 0, got -1.0");
    assertThatThrownBy(() -> SyntheticFeed.builder().ratePerSecond(Double.NaN).build())
        .hasMessage("ratePerSecond must be finite and at least 0, got NaN");
    assertThatThrownBy(
            () ->
                SyntheticFeed.builder()
                    .feeds(2)
                    .changes(List.of(new RegimeChange("synthetic-2", 5, Kind.LEVEL_SHIFT, 1)))
                    .build())
        .hasMessage("changes[0].feedId must be one of synthetic-0..synthetic-1, got synthetic-2");
    assertThatThrownBy(
            () ->
                SyntheticFeed.builder()
                    .length(100)
                    .changes(
                        List.of(
                            new RegimeChange("synthetic-0", 5, Kind.LEVEL_SHIFT, 1),
                            new RegimeChange("synthetic-0", 100, Kind.LEVEL_SHIFT, 1)))
                    .build())
        .hasMessage("changes[1].index must be below length 100, got 100");
  }

  @Test
  void regimeChangeRejectsInvalidFieldsByName() {
    assertThatThrownBy(() -> new RegimeChange(" ", 1, Kind.LEVEL_SHIFT, 1))
        .hasMessage("feedId must not be blank");
    assertThatThrownBy(() -> new RegimeChange("synthetic-0", -1, Kind.LEVEL_SHIFT, 1))
        .hasMessage("index must be at least 0, got -1");
    assertThatThrownBy(() -> new RegimeChange("synthetic-0", 1, Kind.LEVEL_SHIFT, Double.NaN))
        .hasMessage("magnitude must be finite, got NaN");
    assertThatThrownBy(() -> new RegimeChange("synthetic-0", 1, Kind.VARIANCE_CHANGE, 0))
        .hasMessage("magnitude of a VARIANCE_CHANGE must be positive, got 0.0");
  }

  @Test
  void observationsAreWhatRunEmitsInOrder() throws InterruptedException {
    SyntheticFeed feed = SyntheticFeed.builder().feeds(3).length(50).seed(11).build();
    List<Observation> emitted = new ArrayList<>();
    feed.run(
        event -> {
          if (event instanceof SourceEvent.Parsed parsed) {
            emitted.add(parsed.observation());
          }
        });
    assertThat(feed.observations()).hasSize(3 * 50).isEqualTo(emitted);
  }
}
