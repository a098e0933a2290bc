package io.isowatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.core.feed.FeedWindower;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.runtime.metrics.MetricsEndpoint;
import io.isowatch.runtime.metrics.PrometheusPipelineMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How records move through the real engine: windows of several feeds share embedding calls, the
 * last partial batch is embedded at the end, and a bounded queue holds a fast source back.
 */
class PipelineFlowTest {
  private static final WindowSpec SPEC = WindowSpec.builder().length(32).stride(4).build();
  private static final MonitorSettings MONITOR =
      MonitorSettings.builder()
          .window(SPEC)
          .width(BundledModels.HIDDEN_WIDTH)
          .windowCloudCapacity(4)
          .build();
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

  private static RealModel model;

  @BeforeAll
  static void openModel() {
    model = RealModel.open();
  }

  @AfterAll
  static void closeModel() {
    model.close();
  }

  private static EmbeddedPipeline.Builder pipeline() {
    return EmbeddedPipeline.builder()
        .encoder(model.encoder)
        .embedder(model.embedder)
        .monitorSettings(MONITOR)
        .deadLetterSink(rejection -> {});
  }

  private static void runToEnd(EmbeddedPipeline pipeline) throws Exception {
    Concurrently.run(pipeline).get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * Windows a windower of {@link #SPEC} cuts from every feed of {@code feed}, end flush included.
   */
  private static long windowsOf(SyntheticFeed feed) throws Exception {
    Map<String, FeedWindower> windowers = new HashMap<>();
    long[] windows = {0};
    feed.run(
        event -> {
          Observation observation = ((SourceEvent.Parsed) event).observation();
          windows[0] +=
              windowers
                  .computeIfAbsent(observation.feedId(), id -> FeedWindower.create(id, SPEC))
                  .accept(observation)
                  .windows()
                  .size();
        });
    for (FeedWindower windower : windowers.values()) {
      windows[0] += windower.flush().windows().size();
    }
    return windows[0];
  }

  @Test
  void windowsOfManyFeedsShareEmbeddingCalls() throws Exception {
    // 12 feeds emitted index by index: every 4th index completes a window of each feed at once.
    SyntheticFeed feed = SyntheticFeed.builder().feeds(12).length(60).changes(List.of()).build();
    long expected = windowsOf(feed);
    PrometheusRegistry registry = new PrometheusRegistry();
    RecordingListener recorder =
        RecordingListener.forwardingTo(new PrometheusPipelineMetrics(registry));

    try (MetricsEndpoint endpoint = MetricsEndpoint.start(registry, 0);
        EmbeddedPipeline pipeline =
            pipeline()
                .source(feed)
                .listener(recorder)
                .settings(
                    PipelineSettings.builder()
                        .batch(BatchSettings.defaults().withMaxBatch(8))
                        .build())
                .build()) {
      runToEnd(pipeline);
      Scrape scrape = Scrape.of(endpoint.port());

      double calls = scrape.valueOrZero("isowatch_embedding_batch_size_count");
      double single = scrape.valueOrZero("isowatch_embedding_batch_size_bucket{le=\"1.0\"}");
      assertThat(calls).isPositive();
      assertThat(single).as("embedding calls of one window").isLessThan(calls);
      assertThat(scrape.valueOrZero("isowatch_embedding_batch_size_bucket{le=\"8.0\"}"))
          .as("no call exceeds maxBatch")
          .isEqualTo(calls);
      assertThat(scrape.valueOrZero("isowatch_embedding_batch_size_sum"))
          .as("windows over all calls")
          .isEqualTo(expected);
      assertThat(recorder.batchSizes()).allSatisfy(size -> assertThat(size).isBetween(1, 8));
      assertThat(recorder.batchFeeds())
          .as("feeds of the windows of each call")
          .anySatisfy(feeds -> assertThat(feeds).hasSizeGreaterThan(1));
    }
  }

  @Test
  void theLastPartialBatchIsEmbeddedWhenTheSourcesEnd() throws Exception {
    // 3 feeds x 5 windows: one full batch of 8, then 7 windows that no wait would ever release.
    SyntheticFeed feed = SyntheticFeed.builder().feeds(3).length(50).changes(List.of()).build();
    long expected = windowsOf(feed);
    assertThat(expected % 8).as("the test needs a partial last batch").isNotZero();
    RecordingListener recorder = new RecordingListener();

    try (EmbeddedPipeline pipeline =
        pipeline()
            .source(feed)
            .listener(recorder)
            .settings(
                PipelineSettings.builder().batch(new BatchSettings(8, Duration.ofHours(1))).build())
            .build()) {
      runToEnd(pipeline);
    }

    assertThat(recorder.windows()).as("windows embedded").isEqualTo(expected);
    assertThat(recorder.batchSizes()).containsExactly(8, (int) (expected - 8));
    assertThat(recorder.observed()).isEqualTo(3 * 50);
  }

  @Test
  void aSmallQueueHoldsAFastSourceBackAndLosesNothing() throws Exception {
    int capacity = 16;
    SyntheticFeed feed = SyntheticFeed.builder().feeds(2).length(400).changes(List.of()).build();
    long expected = windowsOf(feed);
    RecordingListener recorder = new RecordingListener();
    CountingSource source = new CountingSource(feed, recorder::observed, UnaryOperator.identity());

    try (EmbeddedPipeline pipeline =
        pipeline()
            .source(source)
            .listener(recorder)
            .settings(
                PipelineSettings.builder()
                    .batch(BatchSettings.defaults().withMaxBatch(8))
                    .limits(PipelineLimits.builder().queueCapacity(capacity).build())
                    .build())
            .build()) {
      runToEnd(pipeline);
    }

    // The unpaced source outruns the embedder, so it gets as far ahead as the queue lets it: a full
    // queue plus the one event the worker holds, and never further.
    assertThat(source.maxAhead())
        .as("events handed over, not yet handled")
        .isBetween((long) capacity, capacity + 1L);
    assertThat(source.emitted()).isEqualTo(2 * 400);
    assertThat(recorder.observed()).as("observations handled").isEqualTo(2 * 400);
    assertThat(recorder.rejected()).isZero();
    assertThat(recorder.windows()).as("windows embedded").isEqualTo(expected);
  }
}
