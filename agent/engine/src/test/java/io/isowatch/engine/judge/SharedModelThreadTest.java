package io.isowatch.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.embed.Embedder;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.engine.report.EngineListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SharedModelThreadTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /**
   * Embeds each window as its encoded first value; a window whose value is negative fails its
   * batch, and a batch that holds a window of feed "held" waits for {@link #release} first.
   */
  private static final class TestEmbedder implements Embedder {
    final CountDownLatch release = new CountDownLatch(1);
    final List<String> ranOn = Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<Embedding> embed(List<EncodedWindow> batch) {
      ranOn.add(Thread.currentThread().getName());
      for (EncodedWindow window : batch) {
        if (window.inputIds()[0] < 0) {
          throw new IllegalStateException("model down");
        }
        if (window.inputIds()[0] >= 1000) {
          try {
            release.await(1, TimeUnit.MINUTES);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      return batch.stream()
          .map(w -> new Embedding(new float[] {w.inputIds()[0]}, new float[0][], Optional.empty()))
          .toList();
    }

    @Override
    public int dimension() {
      return 1;
    }

    @Override
    public String describe() {
      return "test";
    }

    @Override
    public void close() {}
  }

  /** What one lane's owner is told, in order, and on which thread it judged. */
  private static final class Recorder implements EngineListener {
    final List<String> events = new ArrayList<>();
    final List<String> judgedOn = new ArrayList<>();

    @Override
    public void embedded(int batchSize, long nanos) {
      events.add("embedded " + batchSize);
    }

    WindowJudge.Feeds<RuntimeException> feeds() {
      return (window, embedding) -> {
        events.add("judge " + window.feedId() + window.sequence() + "=" + embedding.pooled()[0]);
        judgedOn.add(Thread.currentThread().getName());
        return verdictOf(window);
      };
    }
  }

  private static WindowVerdict verdictOf(Window window) {
    return new WindowVerdict(
        window, Map.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), 0);
  }

  /** A window whose first value is {@code value}, so its embedding names it. */
  private static Window window(String feed, long sequence, double value) {
    return new Window(feed, sequence, T0, T0.plusSeconds(sequence), new double[] {value});
  }

  private static List<Window> batch(String feed, long from, int size) {
    List<Window> windows = new ArrayList<>();
    for (long s = from; s < from + size; s++) {
      windows.add(window(feed, s, s));
    }
    return windows;
  }

  @Test
  void eachLaneJudgesItsOwnBatchesInOrderAsAtOnceWhateverTheInterleaving() {
    TestEmbedder embedder = new TestEmbedder();
    Recorder atOnceA = new Recorder();
    Recorder atOnceB = new Recorder();
    WindowJudge judgeA = new WindowJudge(new FirstValueEncoder(), embedder, atOnceA);
    WindowJudge judgeB = new WindowJudge(new FirstValueEncoder(), embedder, atOnceB);
    for (int i = 0; i < 4; i++) {
      judgeA.judge(batch("a", i * 3L, 3), atOnceA.feeds());
      judgeB.judge(batch("b", i * 2L, 2), atOnceB.feeds());
    }

    Recorder a = new Recorder();
    Recorder b = new Recorder();
    TestEmbedder shared = new TestEmbedder();
    try (SharedModelThread model =
        new SharedModelThread(new FirstValueEncoder(), shared, "model-test")) {
      SharedModelThread.Lane laneA = model.lane(a);
      SharedModelThread.Lane laneB = model.lane(b);
      // A hands over twice in a row, then B twice, then they alternate.
      laneA.embed(batch("a", 0, 3), a.feeds());
      laneA.embed(batch("a", 3, 3), a.feeds());
      laneB.embed(batch("b", 0, 2), b.feeds());
      assertThat(laneA.hasWaiting()).as("A's second batch, parked for A").isTrue();
      laneB.embed(batch("b", 2, 2), b.feeds());
      laneA.embed(batch("a", 6, 3), a.feeds());
      laneB.embed(batch("b", 4, 2), b.feeds());
      laneA.embed(batch("a", 9, 3), a.feeds());
      laneB.embed(batch("b", 6, 2), b.feeds());
      laneA.judgeWaiting(a.feeds());
      laneB.judgeWaiting(b.feeds());
      assertThat(laneA.hasWaiting()).isFalse();
      assertThat(laneB.hasWaiting()).isFalse();
    }

    assertThat(a.events).containsExactlyElementsOf(atOnceA.events);
    assertThat(b.events).containsExactlyElementsOf(atOnceB.events);
    assertThat(shared.ranOn).hasSize(8).containsOnly("model-test");
    assertThat(a.judgedOn).hasSize(12).containsOnly(Thread.currentThread().getName());
    assertThat(b.judgedOn).hasSize(8).containsOnly(Thread.currentThread().getName());
  }

  @Test
  void judgeIfReadyDoesNotWaitForTheModel() {
    TestEmbedder embedder = new TestEmbedder();
    Recorder a = new Recorder();
    try (SharedModelThread model =
        new SharedModelThread(new FirstValueEncoder(), embedder, "model-test")) {
      SharedModelThread.Lane lane = model.lane(a);
      assertThat(lane.judgeIfReady(a.feeds())).as("nothing handed over").isFalse();
      lane.embed(List.of(window("held", 0, 1000)), a.feeds());

      assertThat(lane.judgeIfReady(a.feeds())).as("the model is still at it").isFalse();
      assertThat(a.events).isEmpty();

      embedder.release.countDown();
      assertThat(lane.judgeWaiting(a.feeds())).hasSize(1);
      assertThat(a.events).containsExactly("embedded 1", "judge held0=1000.0");
      assertThat(lane.judgeIfReady(a.feeds())).isFalse();
    }
  }

  @Test
  void aLaneSeesTheModelBusyOnlyWithAnotherLanesUnfinishedBatch() {
    TestEmbedder embedder = new TestEmbedder();
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    try (SharedModelThread model =
        new SharedModelThread(new FirstValueEncoder(), embedder, "model-test")) {
      SharedModelThread.Lane laneA = model.lane(a);
      SharedModelThread.Lane laneB = model.lane(b);
      assertThat(laneB.modelBusyWithAnotherLane()).isFalse();
      laneA.embed(List.of(window("held", 0, 1000)), a.feeds());

      assertThat(laneB.modelBusyWithAnotherLane()).isTrue();
      assertThat(laneA.modelBusyWithAnotherLane()).as("its own batch").isFalse();

      embedder.release.countDown();
      laneA.judgeWaiting(a.feeds());
      assertThat(laneB.modelBusyWithAnotherLane()).isFalse();
    }
  }

  @Test
  void aBatchParkedForItsLaneIsReadyWithoutWaiting() {
    TestEmbedder embedder = new TestEmbedder();
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    try (SharedModelThread model =
        new SharedModelThread(new FirstValueEncoder(), embedder, "model-test")) {
      SharedModelThread.Lane laneA = model.lane(a);
      SharedModelThread.Lane laneB = model.lane(b);
      laneA.embed(batch("a", 0, 2), a.feeds());
      // B waits for A's batch, which stays with A, then hands over its own.
      embedder.release.countDown();
      laneB.embed(List.of(window("held", 0, 1000)), b.feeds());

      assertThat(laneA.judgeIfReady(a.feeds())).isTrue();
      assertThat(a.events).containsExactly("embedded 2", "judge a0=0.0", "judge a1=1.0");
      laneB.judgeWaiting(b.feeds());
      assertThat(b.events).containsExactly("embedded 1", "judge held0=1000.0");
    }
  }

  @Test
  void aModelFailureReachesTheLaneWhoseBatchItWasNotTheOneThatWaited() {
    TestEmbedder embedder = new TestEmbedder();
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    try (SharedModelThread model =
        new SharedModelThread(new FirstValueEncoder(), embedder, "model-test")) {
      SharedModelThread.Lane laneA = model.lane(a);
      SharedModelThread.Lane laneB = model.lane(b);
      laneA.embed(List.of(window("a", 0, -1)), a.feeds());
      laneB.embed(batch("b", 0, 2), b.feeds());

      assertThatThrownBy(() -> laneA.judgeWaiting(a.feeds())).hasMessage("model down");
      assertThat(laneA.hasWaiting()).isFalse();
      laneB.judgeWaiting(b.feeds());
      assertThat(b.events).containsExactly("embedded 2", "judge b0=0.0", "judge b1=1.0");
      assertThat(a.events).isEmpty();
    }
  }

  @Test
  void aDroppedBatchIsNeverJudged() {
    TestEmbedder embedder = new TestEmbedder();
    Recorder a = new Recorder();
    try (SharedModelThread model =
        new SharedModelThread(new FirstValueEncoder(), embedder, "model-test")) {
      SharedModelThread.Lane lane = model.lane(a);
      lane.embed(batch("a", 0, 2), a.feeds());
      lane.drop();
      assertThat(lane.hasWaiting()).isFalse();
      lane.embed(batch("a", 2, 1), a.feeds());
      lane.judgeWaiting(a.feeds());
    }
    assertThat(a.events).containsExactly("embedded 1", "judge a2=2.0");
  }

  @Test
  void aJudgingFailureIsThrownOnceTheModelIsDoneAndTheLanesBatchIsDropped() {
    TestEmbedder embedder = new TestEmbedder();
    Recorder a = new Recorder();
    IllegalStateException sinkDown = new IllegalStateException("sink down");
    try (SharedModelThread model =
        new SharedModelThread(new FirstValueEncoder(), embedder, "model-test")) {
      SharedModelThread.Lane lane = model.lane(a);
      lane.embed(batch("a", 0, 2), a.feeds());
      embedder.release.countDown();
      assertThatThrownBy(
              () ->
                  lane.embed(
                      List.of(window("held", 0, 1000)),
                      (window, embedding) -> {
                        throw sinkDown;
                      }))
          .isSameAs(sinkDown);
      assertThat(lane.hasWaiting()).isFalse();
      assertThat(lane.judgeWaiting(a.feeds())).isEmpty();
    }
  }
}
