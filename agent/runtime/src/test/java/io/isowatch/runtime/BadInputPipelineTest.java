package io.isowatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.file.JsonlReplaySource;
import io.isowatch.connectors.sink.DeadLetterFileSink;
import io.isowatch.connectors.sink.RejectionJson;
import io.isowatch.core.feed.FeedWindower;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.runtime.metrics.MetricsEndpoint;
import io.isowatch.runtime.metrics.PrometheusPipelineMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSONL file with good observations and records of every kind the engine sets aside, replayed
 * through the real pipeline: each bad record reaches the dead-letter file with its reason, the
 * Prometheus counters scraped over HTTP agree, nothing is dropped silently and the feed goes on
 * being windowed and embedded after the bad records.
 */
class BadInputPipelineTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration CADENCE = Duration.ofMinutes(1);
  private static final String FEED = "good";
  private static final String OTHER_FEED = "other";
  private static final WindowSpec SPEC =
      WindowSpec.builder()
          .length(32)
          .stride(4)
          .allowedLateness(Duration.ZERO)
          .maxGap(Duration.ofMinutes(5))
          .build();

  private static RealModel model;

  @TempDir Path dir;

  @BeforeAll
  static void openModel() {
    model = RealModel.open();
  }

  @AfterAll
  static void closeModel() {
    model.close();
  }

  /** The file's lines, and what the test expects of each. */
  private static final class Fixture {
    final List<String> lines = new ArrayList<>();
    final Map<RejectionReason, List<Integer>> badLines = new EnumMap<>(RejectionReason.class);

    /** Event times of the bad records that parse, for the rejections made after parsing. */
    final Map<RejectionReason, List<Instant>> badTimes = new EnumMap<>(RejectionReason.class);

    /** Event time of the last record that a rejection is about. */
    Instant lastBadTime = T0;

    /** A good record that a gap rejection will document: it is kept, and restarts the window. */
    void afterGap(int index, double value) {
      good(index, value);
      badLines.computeIfAbsent(RejectionReason.GAP, r -> new ArrayList<>()).add(lines.size());
      badTimes.computeIfAbsent(RejectionReason.GAP, r -> new ArrayList<>()).add(time(index));
      lastBadTime = time(index);
    }

    void good(int index, double value) {
      lines.add(json(FEED, time(index), String.valueOf(value)));
    }

    void bad(RejectionReason reason, String line) {
      lines.add(line);
      badLines.computeIfAbsent(reason, r -> new ArrayList<>()).add(lines.size());
    }

    /** A record that parses, for the windowing step or the feed limit to reject. */
    void badObservation(RejectionReason reason, String feed, Instant time, String value) {
      bad(reason, json(feed, time, value));
      badTimes.computeIfAbsent(reason, r -> new ArrayList<>()).add(time);
    }

    int expected(RejectionReason reason) {
      return badLines.getOrDefault(reason, List.of()).size();
    }

    static Instant time(int index) {
      return T0.plus(CADENCE.multipliedBy(index));
    }

    static String json(String feed, Instant time, String value) {
      return "{\"feed\":\"" + feed + "\",\"time\":\"" + time + "\",\"value\":" + value + "}";
    }
  }

  private static double valueAt(int index) {
    return 50 + 10 * Math.sin(index / 5.0) + (index % 7);
  }

  /**
   * 60 good values, then one or more bad records per reason (1 to 3, so that a count can tell the
   * reasons apart), 20 more good values, a silence longer than the gap limit and 66 good values
   * after it.
   */
  private static Fixture fixture() {
    Fixture f = new Fixture();
    for (int i = 0; i < 60; i++) {
      f.good(i, valueAt(i));
    }
    f.bad(RejectionReason.UNPARSABLE, "this is not json");
    f.bad(
        RejectionReason.UNPARSABLE,
        "{\"feed\":\"good\",\"time\":\"" + Fixture.time(60) + "\",\"value\":true}");
    f.bad(RejectionReason.MISSING_FIELD, "{\"feed\":\"good\",\"value\":1.5}");
    f.bad(RejectionReason.MISSING_FIELD, "{\"time\":\"" + Fixture.time(60) + "\",\"value\":1.5}");
    // Windowing rejections: the watermark is at index 59 and nothing may be late.
    f.badObservation(RejectionReason.NOT_FINITE, FEED, Fixture.time(60), "NaN");
    f.badObservation(RejectionReason.DUPLICATE, FEED, Fixture.time(59), "12.0");
    f.badObservation(RejectionReason.TOO_LATE, FEED, Fixture.time(58).plusSeconds(30), "12.0");
    // Dated in the year 9999: refused, and never the feed's clock, so the records after it count.
    f.badObservation(
        RejectionReason.TOO_FAR_AHEAD, FEED, Instant.parse("9999-12-31T23:59:59Z"), "1.0");
    f.bad(RejectionReason.INVALID_FEED_NAME, Fixture.json("bad\\nname", Fixture.time(60), "1.0"));
    f.bad(
        RejectionReason.INVALID_FEED_NAME, Fixture.json("x".repeat(300), Fixture.time(60), "1.0"));
    for (int k = 0; k < 3; k++) {
      f.badObservation(RejectionReason.FEED_LIMIT, OTHER_FEED, Fixture.time(59 + k), "7.0");
    }
    for (int i = 60; i < 80; i++) {
      f.good(i, valueAt(i));
    }
    // 16 minutes of silence, more than the 5 allowed: the first value after it restarts the window.
    f.afterGap(95, valueAt(95));
    for (int i = 96; i < 161; i++) {
      f.good(i, valueAt(i));
    }
    return f;
  }

  @Test
  void everyBadRecordIsDeadLetteredAndCountedAndTheFeedGoesOn() throws Exception {
    Fixture fixture = fixture();
    Path input = Files.write(dir.resolve("input.jsonl"), fixture.lines);
    Path deadLetters = dir.resolve("dead-letters.jsonl");
    PrometheusRegistry registry = new PrometheusRegistry();

    try (MetricsEndpoint endpoint = MetricsEndpoint.start(registry, 0);
        DeadLetterFileSink deadLetterSink = DeadLetterFileSink.open(deadLetters);
        EmbeddedPipeline pipeline =
            EmbeddedPipeline.builder()
                .source(JsonlReplaySource.builder(input).build())
                .encoder(model.encoder)
                .embedder(model.embedder)
                .monitorSettings(
                    MonitorSettings.builder()
                        .window(SPEC)
                        .width(BundledModels.HIDDEN_WIDTH)
                        .windowCloudCapacity(4)
                        .build())
                .deadLetterSink(deadLetterSink)
                .listener(new PrometheusPipelineMetrics(registry))
                .settings(
                    PipelineSettings.builder()
                        .limits(PipelineLimits.builder().maxFeeds(1).build())
                        .build())
                .build()) {
      pipeline.run();

      // The dead-letter file is complete once run() returns: the pipeline flushed it.
      List<Rejection> rejections =
          Files.readAllLines(deadLetters).stream().map(RejectionJson::fromLine).toList();
      Map<RejectionReason, Long> deadLettered =
          rejections.stream()
              .collect(
                  Collectors.groupingBy(
                      Rejection::reason,
                      () -> new EnumMap<>(RejectionReason.class),
                      Collectors.counting()));
      Scrape scrape = Scrape.of(endpoint.port());

      for (RejectionReason reason : RejectionReason.values()) {
        int expected = fixture.expected(reason);
        assertThat(expected).as("the file holds a record for %s", reason).isPositive();
        assertThat(deadLettered.getOrDefault(reason, 0L))
            .as("dead letters of reason %s", reason)
            .isEqualTo(expected);
        // A gap is a notice about a kept record, counted as a window restart, not a rejection.
        String counter =
            reason.refusesRecord()
                ? "isowatch_records_rejected_total{reason=\"" + reason.label() + "\"}"
                : "isowatch_window_restarts_total{feed=\"" + FEED + "\"}";
        assertThat(scrape.valueOrZero(counter)).as(counter).isEqualTo(expected);
      }
      assertThat(scrape.valueOrZero("isowatch_records_rejected_total{reason=\"gap\"}")).isZero();
      assertSourceRejectionsCarryTheirLine(fixture, rejections);
      assertObservationRejectionsCarryTheirTime(fixture, rejections);
      assertThat(rejections)
          .filteredOn(r -> r.reason() == RejectionReason.FEED_LIMIT)
          .allSatisfy(r -> assertThat(r.feedId()).contains(OTHER_FEED));

      // Each record counted once: accepted by its windower or rejected, never both.
      WindowerCount independent = countIndependently(fixture, input);
      double accepted = scrape.sum("isowatch_observations_total");
      double rejected = scrape.sum("isowatch_records_rejected_total");
      assertThat(scrape.valueOrZero("isowatch_observations_total{feed=\"" + FEED + "\"}"))
          .as("accepted observations")
          .isEqualTo(accepted)
          .isEqualTo(independent.accepted);
      assertThat(accepted + rejected).as("accepted + rejected").isEqualTo(fixture.lines.size());
      assertThat(rejections.stream().filter(r -> r.reason().refusesRecord()).count())
          .as("dead letters of refused records")
          .isEqualTo((long) rejected);

      // Processing went on: every window the feed's values make was embedded, those after the
      // bad records and after the gap included.
      assertThat(independent.windowsAfterBadRecords).isPositive();
      assertThat(scrape.valueOrZero("isowatch_windows_embedded_total{feed=\"" + FEED + "\"}"))
          .as("windows embedded")
          .isEqualTo(independent.windows);
      assertThat(scrape.sum("isowatch_windows_embedded_total")).isEqualTo(independent.windows);
      assertThat(scrape.valueOrZero("isowatch_feeds")).isEqualTo(1);
    }
  }

  /** Malformed lines are dead-lettered as read, with their line number. */
  private static void assertSourceRejectionsCarryTheirLine(
      Fixture fixture, List<Rejection> rejections) {
    for (RejectionReason reason :
        List.of(RejectionReason.UNPARSABLE, RejectionReason.MISSING_FIELD)) {
      List<Rejection> ofReason = rejections.stream().filter(r -> r.reason() == reason).toList();
      List<Integer> lineNumbers = fixture.badLines.get(reason);
      for (int k = 0; k < lineNumbers.size(); k++) {
        int number = lineNumbers.get(k);
        assertThat(ofReason.get(k).original()).isEqualTo(fixture.lines.get(number - 1));
        assertThat(ofReason.get(k).detail()).startsWith("line " + number + ": ");
      }
    }
  }

  /** Records rejected after parsing are dead-lettered with their event time, in file order. */
  private static void assertObservationRejectionsCarryTheirTime(
      Fixture fixture, List<Rejection> rejections) {
    fixture.badTimes.forEach(
        (reason, times) ->
            assertThat(rejections.stream().filter(r -> r.reason() == reason).toList())
                .as("dead letters of reason %s", reason)
                .zipSatisfy(
                    times, (r, time) -> assertThat(r.original()).contains(time.toString())));
  }

  private record WindowerCount(long accepted, long windows, long windowsAfterBadRecords) {}

  /** The good feed's records through a windower of the same spec, without the engine. */
  private static WindowerCount countIndependently(Fixture fixture, Path input) throws Exception {
    FeedWindower windower = FeedWindower.create(FEED, SPEC);
    List<Window> windows = new ArrayList<>();
    for (Observation observation : parsedObservations(input)) {
      windows.addAll(windower.accept(observation).windows());
    }
    windows.addAll(windower.flush().windows());
    long after =
        windows.stream().filter(w -> !w.firstEventTime().isBefore(fixture.lastBadTime)).count();
    return new WindowerCount(windower.accepted(), windows.size(), after);
  }

  /** The good feed's observations as the replay source parses them, in file order. */
  private static List<Observation> parsedObservations(Path input) throws Exception {
    List<Observation> observations = new ArrayList<>();
    JsonlReplaySource.builder(input)
        .build()
        .run(
            event -> {
              if (event instanceof SourceEvent.Parsed parsed
                  && parsed.observation().feedId().equals(FEED)) {
                observations.add(parsed.observation());
              }
            });
    return observations;
  }
}
