package io.isowatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.embed.BundledModels;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.core.monitor.MonitorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real engine from start to end: how a run ends. */
class PipelineLifecycleTest {
  private static final WindowSpec SPEC = WindowSpec.builder().length(32).stride(4).build();
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /** How long run() may take to return after stop(): generous, the machine is shared. */
  private static final Duration PROMPTLY = Duration.ofSeconds(10);

  private static RealModel model;

  @BeforeAll
  static void openModel() {
    model = RealModel.open();
  }

  @AfterAll
  static void closeModel() {
    model.close();
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
}
