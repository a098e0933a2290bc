package io.isowatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.connectors.sink.AlertJson;
import io.isowatch.connectors.sink.DeadLetterFileSink;
import io.isowatch.connectors.sink.JsonlAlertSink;
import io.isowatch.connectors.sink.RejectionJson;
import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.io.AlertSink;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.runtime.metrics.MetricsEndpoint;
import io.isowatch.runtime.metrics.PrometheusPipelineMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real engine while it runs: live metrics, and a stop from another thread. */
class PipelineLifecycleTest {
  private static final WindowSpec SPEC = WindowSpec.builder().length(32).stride(4).build();
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /** How long run() may take to return after stop(): generous, the machine is shared. */
  private static final Duration PROMPTLY = Duration.ofSeconds(10);

  /**
   * A policy so touchy that it fires and resolves all the time: a breach on 45% of evaluations, no
   * confirmation, no cooldown.
   */
  private static final TrustSettings TOUCHY =
      new TrustSettings(0.45, 2, 8, 0, 8, 8, 4, 1, 1, 1, 0, 32);

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

  /**
   * A feed that goes on for days at {@code perSecond} observations a second, all feeds together.
   */
  private static SyntheticFeed endless(int feeds, double perSecond) {
    return SyntheticFeed.builder()
        .feeds(feeds)
        .length(10_000_000)
        .changes(List.of())
        .ratePerSecond(perSecond)
        .build();
  }

  @Test
  void metricsCanBeScrapedWhileThePipelineRuns() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    try (MetricsEndpoint endpoint = MetricsEndpoint.start(registry, 0);
        EmbeddedPipeline pipeline =
            EmbeddedPipeline.builder()
                .source(endless(2, 80))
                .encoder(model.encoder)
                .embedder(model.embedder)
                .monitorSettings(
                    MonitorSettings.builder()
                        .window(SPEC)
                        .width(BundledModels.HIDDEN_WIDTH)
                        .windowCloudCapacity(4)
                        .build())
                .deadLetterSink(rejection -> {})
                .listener(new PrometheusPipelineMetrics(registry))
                .build()) {
      Future<Void> run = Concurrently.run(pipeline);
      String isoScore = "isowatch_window_isoscore{feed=\"synthetic-0\"}";
      String windows = "isowatch_windows_embedded_total{feed=\"synthetic-0\"}";
      // set after the IsoScore in each evaluation: a scrape may land while the worker sets them
      String lastSignal = "isowatch_window_participation_ratio{feed=\"synthetic-0\"}";

      Scrape first =
          Concurrently.await(
              PATIENCE,
              "the first window-cloud signals of synthetic-0",
              () -> Scrape.of(endpoint.port()),
              scrape ->
                  scrape.value(windows).isPresent()
                      && scrape.value(isoScore).isPresent()
                      && scrape.value(lastSignal).isPresent());

      assertThat(run.isDone()).as("run() still going").isFalse();
      assertThat(first.value(isoScore).getAsDouble()).isBetween(0.0, 1.0);
      assertThat(first.value("isowatch_token_raw_avg_cosine{feed=\"synthetic-0\"}")).isPresent();
      assertThat(first.value("isowatch_window_participation_ratio{feed=\"synthetic-0\"}"))
          .isPresent();
      // The worker goes on while the endpoint reads, so metrics of one batch may be caught half
      // updated: each histogram is checked on its own, not against the others.
      assertThat(first.valueOrZero("isowatch_embedding_latency_seconds_count")).isPositive();
      assertThat(first.valueOrZero("isowatch_embedding_latency_seconds_sum")).isPositive();
      assertThat(first.valueOrZero("isowatch_embedding_batch_size_count")).isPositive();
      assertThat(first.valueOrZero("isowatch_embedding_batch_size_sum")).isPositive();
      assertThat(first.valueOrZero("isowatch_observations_total{feed=\"synthetic-1\"}"))
          .isPositive();
      assertThat(first.valueOrZero("isowatch_feeds")).isEqualTo(2);

      // A later scrape sees the counters move on: the numbers are live, not a final report.
      double before = first.valueOrZero(windows);
      Concurrently.await(
          PATIENCE,
          "more windows of synthetic-0 than " + before,
          () -> Scrape.of(endpoint.port()).valueOrZero(windows),
          now -> now > before);

      long stopAt = System.nanoTime();
      pipeline.stop();
      run.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - stopAt)).isLessThan(PROMPTLY);
    }
  }

  @Test
  void stopFromAnotherThreadEndsTheRunWithCompleteSinks() throws Exception {
    Path alertFile = dir.resolve("alerts.jsonl");
    Path deadLetterFile = dir.resolve("dead-letters.jsonl");
    RecordingListener recorder = new RecordingListener();
    // Every 25th value becomes NaN, so the dead-letter file fills while the feed runs.
    long[] seen = {0};
    CountingSource source =
        new CountingSource(
            endless(2, 0),
            recorder::observed,
            event -> {
              Observation o = ((SourceEvent.Parsed) event).observation();
              return ++seen[0] % 25 == 0
                  ? new SourceEvent.Parsed(new Observation(o.feedId(), o.eventTime(), Double.NaN))
                  : event;
            });

    try (JsonlAlertSink alertSink = JsonlAlertSink.open(alertFile);
        DeadLetterFileSink deadLetterSink = DeadLetterFileSink.open(deadLetterFile);
        EmbeddedPipeline pipeline =
            EmbeddedPipeline.builder()
                .source(source)
                .encoder(model.encoder)
                .embedder(model.embedder)
                .monitorSettings(
                    MonitorSettings.builder()
                        .window(SPEC)
                        .width(BundledModels.HIDDEN_WIDTH)
                        .windowCloudCapacity(4)
                        .evaluateEvery(1)
                        .trust(TOUCHY)
                        .build())
                .alertSink(alertSink)
                .deadLetterSink(deadLetterSink)
                .listener(recorder)
                .settings(
                    PipelineSettings.builder()
                        .batch(BatchSettings.defaults().withMaxBatch(8))
                        .limits(PipelineLimits.builder().queueCapacity(64).build())
                        .build())
                .build()) {
      Future<Void> run = Concurrently.run(pipeline);
      Concurrently.await(
          PATIENCE,
          "a few alerts and rejections",
          () -> recorder.alerts().size() >= 3 && recorder.rejected() >= 3,
          enough -> enough);

      long stopAt = System.nanoTime();
      pipeline.stop();
      run.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);
      Duration stopping = Duration.ofNanos(System.nanoTime() - stopAt);

      assertThat(stopping).as("time from stop() to the end of run()").isLessThan(PROMPTLY);
      // Everything the source handed over was handled once: accepted, or (the NaN values)
      // rejected to the dead letters.
      assertThat(recorder.observed() + recorder.rejected())
          .as("records handled")
          .isEqualTo(source.emitted());

      // The sinks are still open: what is in the files now, the pipeline's flush put there.
      List<Rejection> rejections =
          completeLines(deadLetterFile).stream().map(RejectionJson::fromLine).toList();
      assertThat(rejections).hasSize((int) recorder.rejected());
      assertThat(rejections).extracting(Rejection::reason).containsOnly(RejectionReason.NOT_FINITE);
      assertThat(rejections).hasSize((int) (source.emitted() / 25));
      List<Alert> alerts = completeLines(alertFile).stream().map(AlertJson::fromLine).toList();
      assertThat(alerts).extracting(Alert::id).isEqualTo(ids(recorder.alerts()));
    }
  }

  /** Batches longer than the monitor reconciles exactly would make alerts depend on timing. */
  @Test
  void aBatchLargerThanTheMonitorsEmbeddingLagIsRefusedAtBuild() {
    MonitorSettings monitor =
        MonitorSettings.builder().width(BundledModels.HIDDEN_WIDTH).maxEmbeddingLag(8).build();

    assertThatThrownBy(
            () ->
                EmbeddedPipeline.builder()
                    .source(endless(1, 0))
                    .encoder(model.encoder)
                    .embedder(model.embedder)
                    .monitorSettings(monitor)
                    .alertSink(alert -> {})
                    .deadLetterSink(rejection -> {})
                    .settings(
                        PipelineSettings.builder()
                            .batch(BatchSettings.defaults().withMaxBatch(9))
                            .build())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBatch 9 exceeds the monitor's maxEmbeddingLag 8");
  }

  @Test
  void aFailingSinkEndsTheRunAndFreesTheSources() throws Exception {
    RecordingListener recorder = new RecordingListener();
    CountingSource source =
        new CountingSource(endless(2, 0), recorder::observed, UnaryOperator.identity());
    AlertSink down =
        alert -> {
          throw new IOException("the alert receiver is down");
        };
    try (EmbeddedPipeline pipeline =
        EmbeddedPipeline.builder()
            .source(source)
            .encoder(model.encoder)
            .embedder(model.embedder)
            .monitorSettings(
                MonitorSettings.builder()
                    .window(SPEC)
                    .width(BundledModels.HIDDEN_WIDTH)
                    .windowCloudCapacity(4)
                    .evaluateEvery(1)
                    .trust(TOUCHY)
                    .build())
            .alertSink(down)
            .deadLetterSink(rejection -> {})
            .listener(recorder)
            .settings(
                PipelineSettings.builder()
                    .limits(PipelineLimits.builder().queueCapacity(16).build())
                    .build())
            .build()) {
      Future<Void> run = Concurrently.run(pipeline);

      assertThatThrownBy(() -> run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(IOException.class)
          .hasMessage("the alert receiver is down");
      // The unpaced source was blocked on the full queue; nothing takes from it any more.
      assertThat(source.awaitEnd(PROMPTLY)).as("the source's run() returned").isTrue();
    }
  }

  @Test
  void whatASourceHandsOverWhileWindingDownIsStillHandled() throws Exception {
    RecordingListener recorder = new RecordingListener();
    WindingDownSource source = new WindingDownSource(10, 5);
    try (EmbeddedPipeline pipeline =
        EmbeddedPipeline.builder()
            .source(source)
            .encoder(model.encoder)
            .embedder(model.embedder)
            .monitorSettings(
                MonitorSettings.builder().window(SPEC).width(BundledModels.HIDDEN_WIDTH).build())
            .deadLetterSink(rejection -> {})
            .listener(recorder)
            .build()) {
      Future<Void> run = Concurrently.run(pipeline);
      Concurrently.await(
          PATIENCE, "the first observations", recorder::observed, observed -> observed == 10);

      pipeline.stop();
      run.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);

      assertThat(source.handedOver()).isEqualTo(15);
      assertThat(recorder.observed()).as("observations handled").isEqualTo(15);
    }
  }

  @Test
  void aSourceThatEndsInterruptedEndsTheRunLikeAnyOther() throws Exception {
    RecordingListener recorder = new RecordingListener();
    try (EmbeddedPipeline pipeline =
        EmbeddedPipeline.builder()
            .source(new InterruptedSource(10))
            .encoder(model.encoder)
            .embedder(model.embedder)
            .monitorSettings(
                MonitorSettings.builder().window(SPEC).width(BundledModels.HIDDEN_WIDTH).build())
            .deadLetterSink(rejection -> {})
            .listener(recorder)
            .build()) {
      Concurrently.run(pipeline).get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);

      assertThat(recorder.observed()).isEqualTo(10);
    }
  }

  private static Observation observation(int index) {
    return new Observation("feed", Instant.EPOCH.plusSeconds(index), index % 7);
  }

  /**
   * Hands over {@code before} observations, waits for close(), and then, as a client that still
   * delivers the records it had received, hands over {@code after} more a moment later.
   */
  private static final class WindingDownSource implements ObservationSource {
    private final int before;
    private final int after;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger handedOver = new AtomicInteger();

    WindingDownSource(int before, int after) {
      this.before = before;
      this.after = after;
    }

    @Override
    public void run(Consumer<SourceEvent> downstream) throws InterruptedException {
      for (int i = 0; i < before; i++) {
        downstream.accept(new SourceEvent.Parsed(observation(i)));
        handedOver.incrementAndGet();
      }
      closed.await();
      Thread.sleep(200); // winding down: the last records arrive a moment after close()
      for (int i = before; i < before + after; i++) {
        downstream.accept(new SourceEvent.Parsed(observation(i)));
        handedOver.incrementAndGet();
      }
    }

    @Override
    public String describe() {
      return "winding-down source";
    }

    @Override
    public void close() {
      closed.countDown();
    }

    int handedOver() {
      return handedOver.get();
    }
  }

  /** Hands over {@code count} observations, then ends as an interrupted wait does. */
  private record InterruptedSource(int count) implements ObservationSource {
    @Override
    public void run(Consumer<SourceEvent> downstream) throws InterruptedException {
      for (int i = 0; i < count; i++) {
        downstream.accept(new SourceEvent.Parsed(observation(i)));
      }
      throw new InterruptedException("interrupted while waiting for the next record");
    }

    @Override
    public String describe() {
      return "interrupted source";
    }
  }

  private static List<String> ids(List<Alert> alerts) {
    return alerts.stream().map(Alert::id).toList();
  }

  /** The file's lines, after checking that it ends with a line break: no line is cut short. */
  private static List<String> completeLines(Path file) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).as("content of " + file.getFileName()).isNotEmpty().endsWith("\n");
    return text.lines().toList();
  }
}
