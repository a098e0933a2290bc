package io.isowatch.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.engine.report.EngineListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SharedModelThreadTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final int MAX_BATCH = 4;
  private static final long MAX_WAIT = 50;

  /** What one lane's owner is told, in order, and on which thread it judged. */
  private static final class Recorder implements EngineListener {
    final List<String> judged = new ArrayList<>();
    final List<Integer> calls = new ArrayList<>();
    final List<String> judgedOn = new ArrayList<>();

    @Override
    public void embedded(int batchSize, long nanos) {
      calls.add(batchSize);
    }

    WindowJudge.Feeds<RuntimeException> feeds() {
      return (window, embedding) -> {
        judged.add(window.feedId() + window.sequence() + "=" + embedding.pooled()[0]);
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

  /**
   * Embeds each window as its encoded first value; a negative value fails its batch, and a batch
   * holding a value of 1000 or more waits for {@code release} first.
   */
  private static FirstValueEmbedder embedder(CountDownLatch release) {
    return new FirstValueEmbedder(
        (call, batch) -> {
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
        });
  }

  private static SharedModelThread model(FirstValueEmbedder embedder) {
    return new SharedModelThread(
        new FirstValueEncoder(), embedder, MAX_BATCH, MAX_WAIT, "model-test");
  }

  @Test
  void lanesFillOneBatchAndEachJudgesItsOwnWindowsInOrder() {
    CountDownLatch release = new CountDownLatch(1);
    FirstValueEmbedder embedder = embedder(release);
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    List<String> expectedA = new ArrayList<>();
    List<String> expectedB = new ArrayList<>();
    try (SharedModelThread model = model(embedder)) {
      SharedModelThread.Lane laneA = model.lane(a);
      SharedModelThread.Lane laneB = model.lane(b);
      // A adds three windows for each of B's, as a busier task would.
      for (int i = 0; i < 9; i++) {
        laneA.judgeIfReady(a.feeds());
        laneA.add(window("a", i, 10 + i), 0, a.feeds());
        expectedA.add("a" + i + "=" + (10.0 + i));
        if (i % 3 == 2) {
          laneB.judgeIfReady(b.feeds());
          laneB.add(window("b", i / 3, 100 + i), 0, b.feeds());
          expectedB.add("b" + i / 3 + "=" + (100.0 + i));
        }
      }
      assertThat(laneA.hasFilling()).isTrue();
      laneA.embedDue(MAX_WAIT, a.feeds());
      assertThat(laneA.hasFilling()).isFalse();
      laneA.judgeHandedOver(a.feeds());
      laneB.judgeHandedOver(b.feeds());
      assertThat(laneA.hasHandedOver()).isFalse();
      assertThat(laneB.hasHandedOver()).isFalse();
    }

    assertThat(a.judged).containsExactlyElementsOf(expectedA);
    assertThat(b.judged).containsExactlyElementsOf(expectedB);
    assertThat(embedder.sizes)
        .as("full batches across the lanes, then the rest")
        .containsExactly(4, 4, 4);
    assertThat(embedder.ranOn).containsOnly("model-test");
    // Each call is reported once, to the lane that waited for it.
    assertThat(
            a.calls.stream().mapToInt(Integer::intValue).sum()
                + b.calls.stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(12);
    assertThat(a.judgedOn).containsOnly(Thread.currentThread().getName());
    assertThat(b.judgedOn).containsOnly(Thread.currentThread().getName());
  }

  @Test
  void judgeIfReadyDoesNotWaitForTheModel() {
    CountDownLatch release = new CountDownLatch(1);
    FirstValueEmbedder embedder = embedder(release);
    Recorder a = new Recorder();
    try (SharedModelThread model = model(embedder)) {
      SharedModelThread.Lane lane = model.lane(a);
      lane.judgeIfReady(a.feeds());
      lane.add(window("held", 0, 1000), 0, a.feeds());
      lane.embedDue(MAX_WAIT, a.feeds());
      assertThat(lane.hasHandedOver()).isTrue();

      lane.judgeIfReady(a.feeds());
      assertThat(a.judged).as("the model is still at it").isEmpty();

      release.countDown();
      lane.judgeHandedOver(a.feeds());
      assertThat(a.judged).containsExactly("held0=1000.0");
      assertThat(lane.hasHandedOver()).isFalse();
    }
  }

  @Test
  void aBatchDueByItsWaitGoesOnFillingWhileTheModelIsBusyWithOtherLanes() {
    CountDownLatch release = new CountDownLatch(1);
    FirstValueEmbedder embedder = embedder(release);
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    try (SharedModelThread model = model(embedder)) {
      SharedModelThread.Lane laneA = model.lane(a);
      SharedModelThread.Lane laneB = model.lane(b);
      laneA.add(window("held", 0, 1000), 0, a.feeds());
      laneA.embedDue(MAX_WAIT, a.feeds());
      laneB.add(window("b", 0, 1), MAX_WAIT, b.feeds());

      laneB.embedDue(10 * MAX_WAIT, b.feeds());
      assertThat(laneB.hasFilling()).as("due, but the model has A's batch").isTrue();

      release.countDown();
      laneA.judgeHandedOver(a.feeds());
      laneB.embedDue(2 * MAX_WAIT, b.feeds());
      assertThat(laneB.hasFilling()).as("the model is free").isFalse();
      laneB.judgeHandedOver(b.feeds());
      assertThat(b.judged).containsExactly("b0=1.0");
    }
  }

  @Test
  void aModelFailureReachesEachLaneWithWindowsInThatBatchOnly() {
    CountDownLatch release = new CountDownLatch(1);
    FirstValueEmbedder embedder = embedder(release);
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    Recorder c = new Recorder();
    try (SharedModelThread model = model(embedder)) {
      SharedModelThread.Lane laneA = model.lane(a);
      SharedModelThread.Lane laneB = model.lane(b);
      SharedModelThread.Lane laneC = model.lane(c);
      // The model holds the batch until released, then fails on B's window.
      laneA.add(window("held", 0, 1000), 0, a.feeds());
      laneB.add(window("b", 0, -1), 0, b.feeds());
      laneA.embedDue(MAX_WAIT, a.feeds());
      laneC.add(window("c", 0, 3), MAX_WAIT, c.feeds());
      release.countDown();
      assertThatThrownBy(() -> laneA.judgeHandedOver(a.feeds())).hasMessage("model down");
      laneC.embedDue(2 * MAX_WAIT, c.feeds());

      assertThatThrownBy(() -> laneB.judgeHandedOver(b.feeds())).hasMessage("model down");
      laneC.judgeHandedOver(c.feeds());
      assertThat(c.judged).containsExactly("c0=3.0");
      assertThat(laneA.hasHandedOver()).isFalse();
      assertThat(a.judged).isEmpty();
      assertThat(b.judged).isEmpty();
    }
  }

  @Test
  void aDroppedLanesWindowsAreNeitherEmbeddedNorJudgedAndTheOthersGoOn() {
    CountDownLatch release = new CountDownLatch(1);
    FirstValueEmbedder embedder = embedder(release);
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    try (SharedModelThread model = model(embedder)) {
      SharedModelThread.Lane laneA = model.lane(a);
      SharedModelThread.Lane laneB = model.lane(b);
      laneA.add(window("a", 0, 0), 0, a.feeds());
      laneB.add(window("b", 0, 1), 0, b.feeds());
      laneA.embedDue(MAX_WAIT, a.feeds());
      laneA.add(window("a", 1, 2), MAX_WAIT, a.feeds());
      laneB.add(window("b", 1, 3), MAX_WAIT, b.feeds());

      laneA.drop();
      assertThatThrownBy(() -> laneA.judgeIfReady(a.feeds()))
          .isInstanceOf(IllegalStateException.class);
      laneB.judgeHandedOver(b.feeds());
      laneB.embedDue(2 * MAX_WAIT, b.feeds());
      laneB.judgeHandedOver(b.feeds());
    }
    assertThat(a.judged).as("at most a0, judged before the drop").doesNotContain("a1=2.0");
    assertThat(b.judged).containsExactly("b0=1.0", "b1=3.0");
    assertThat(embedder.sizes).as("a1 never embedded").containsExactly(2, 1);
  }

  @Test
  void reloadedWindowsBeyondOneBatchGoToTheModelInSlices() {
    CountDownLatch release = new CountDownLatch(1);
    FirstValueEmbedder embedder = embedder(release);
    Recorder a = new Recorder();
    try (SharedModelThread model = model(embedder)) {
      SharedModelThread.Lane lane = model.lane(a);
      for (int i = 0; i < 2 * MAX_BATCH; i++) {
        lane.reload(window("a", i, i), 0);
      }
      lane.add(window("a", 2 * MAX_BATCH, 2 * MAX_BATCH), 0, a.feeds());
      lane.embedDue(MAX_WAIT, a.feeds());
      lane.judgeHandedOver(a.feeds());
    }
    assertThat(embedder.sizes).containsExactly(4, 4, 1);
    assertThat(a.judged).hasSize(2 * MAX_BATCH + 1);
    assertThat(a.judged.get(0)).isEqualTo("a0=0.0");
    assertThat(a.judged.get(2 * MAX_BATCH)).isEqualTo("a8=8.0");
  }
}
