package io.isowatch.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.engine.report.EngineListener;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OverlappingJudgeTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static final WindowEncoder FIRST_VALUE = new FirstValueEncoder();

  /** Records, in one list for both threads, what the listener and the engine's part are told. */
  private static final class Recorder implements EngineListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<String> judgedOn = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void embedded(int batchSize, long nanos) {
      events.add("embedded " + batchSize);
    }

    @Override
    public void verdict(WindowVerdict verdict) {
      events.add("verdict " + verdict.window().feedId() + verdict.window().sequence());
    }

    <X extends Exception> WindowJudge.Feeds<X> feeds() {
      return new WindowJudge.Feeds<>() {
        @Override
        public WindowVerdict onEmbedded(Window window, Embedding embedding) {
          events.add("judge " + window.feedId() + window.sequence() + "=" + embedding.pooled()[0]);
          judgedOn.add(Thread.currentThread().getName());
          return verdictOf(window);
        }

        @Override
        public void measured(WindowVerdict verdict) {
          events.add("out " + verdict.window().feedId() + verdict.window().sequence());
        }
      };
    }
  }

  private static WindowVerdict verdictOf(Window window) {
    return new WindowVerdict(
        window,
        java.util.Map.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0);
  }

  private static Window window(String feed, long sequence) {
    return new Window(
        feed, sequence, T0, T0.plusSeconds(sequence), new double[] {sequence * 10 + feed.length()});
  }

  private static final List<List<Window>> BATCHES =
      List.of(
          List.of(window("a", 0), window("bb", 0), window("a", 1)),
          List.of(window("bb", 1), window("a", 2)),
          List.of(window("a", 3), window("bb", 2), window("bb", 3)));

  @Test
  void theSameVerdictsAndReportsInTheSameOrderAsJudgingEachBatchAtOnce() throws Exception {
    Recorder atOnce = new Recorder();
    WindowJudge synchronous =
        new WindowJudge(FIRST_VALUE, FirstValueEmbedder.beforeEachCall(i -> {}), atOnce);
    for (List<Window> batch : BATCHES) {
      synchronous.judge(batch, atOnce.<RuntimeException>feeds());
    }

    Recorder overlapped = new Recorder();
    FirstValueEmbedder embedder = FirstValueEmbedder.beforeEachCall(i -> {});
    try (OverlappingJudge<RuntimeException> judge =
        new OverlappingJudge<>(new WindowJudge(FIRST_VALUE, embedder, overlapped), "model-test")) {
      for (List<Window> batch : BATCHES) {
        judge.embed(batch, overlapped.feeds());
        assertThat(judge.hasWaiting()).isTrue();
      }
      judge.judgeWaiting();
      assertThat(judge.hasWaiting()).isFalse();
    }

    assertThat(overlapped.events).containsExactlyElementsOf(atOnce.events);
    // The model ran on its thread; every window was judged on the caller's.
    assertThat(embedder.ranOn).containsExactly("model-test", "model-test", "model-test");
    assertThat(overlapped.judgedOn).hasSize(8).containsOnly(Thread.currentThread().getName());
  }

  @Test
  void aBatchIsJudgedWhileTheNextIsEmbedded() throws Exception {
    // Each side waits for the other to have begun: only if they overlap do both go on in time.
    CountDownLatch judging = new CountDownLatch(1);
    CountDownLatch embedding = new CountDownLatch(1);
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    FirstValueEmbedder embedder =
        FirstValueEmbedder.beforeEachCall(
            call -> {
              if (call == 1) {
                embedding.countDown();
                awaitOrNote(
                    judging, "the first batch was not judged during the next embedding", failures);
              }
            });
    Recorder recorder = new Recorder();
    try (OverlappingJudge<RuntimeException> judge =
        new OverlappingJudge<>(new WindowJudge(FIRST_VALUE, embedder, recorder), "model-test")) {
      judge.embed(
          BATCHES.get(0),
          (window, embedded) -> {
            judging.countDown();
            awaitOrNote(embedding, "the next batch was not embedded during this judging", failures);
            return verdictOf(window);
          });
      judge.embed(BATCHES.get(1), recorder.feeds());
      judge.judgeWaiting();
    }
    assertThat(failures).isEmpty();
    assertThat(recorder.judgedOn).hasSize(2);
  }

  private static void awaitOrNote(CountDownLatch latch, String failure, List<String> failures) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        failures.add(failure);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add("interrupted");
    }
  }

  @Test
  void aJudgingFailureIsThrownOnceTheModelIsDoneAndNeitherBatchIsJudgedAgain() throws Exception {
    IOException sinkDown = new IOException("alert sink down");
    CountDownLatch modelDone = new CountDownLatch(1);
    Recorder recorder = new Recorder();
    try (OverlappingJudge<IOException> judge =
        new OverlappingJudge<>(
            new WindowJudge(
                FIRST_VALUE,
                FirstValueEmbedder.beforeEachCall(
                    call -> {
                      if (call == 1) {
                        sleep(100);
                        modelDone.countDown();
                      }
                    }),
                recorder),
            "model-test")) {
      judge.embed(
          BATCHES.get(0),
          (window, embedding) -> {
            throw sinkDown;
          });

      assertThatThrownBy(() -> judge.embed(BATCHES.get(1), recorder.feeds())).isSameAs(sinkDown);
      assertThat(modelDone.getCount()).as("the model had finished its batch").isZero();

      // Both batches are gone; the engine may go on (or end) with the rest.
      assertThat(judge.hasWaiting()).isFalse();
      assertThat(judge.judgeWaiting()).isEmpty();
      judge.embed(BATCHES.get(2), recorder.feeds());
      judge.judgeWaiting();
    }
    assertThat(recorder.events)
        .noneMatch(e -> e.startsWith("judge a0") || e.startsWith("judge bb1"));
    assertThat(recorder.events).contains("judge a3=31.0");
  }

  @Test
  void whenTheModelFailsToo_theJudgingFailureIsThrownWithTheModelsSuppressed() throws Exception {
    IOException sinkDown = new IOException("alert sink down");
    IllegalStateException modelDown = new IllegalStateException("model down");
    try (OverlappingJudge<IOException> judge =
        new OverlappingJudge<>(
            new WindowJudge(
                FIRST_VALUE,
                FirstValueEmbedder.beforeEachCall(
                    call -> {
                      if (call == 1) {
                        throw modelDown;
                      }
                    }),
                EngineListener.NONE),
            "model-test")) {
      judge.embed(
          BATCHES.get(0),
          (window, embedding) -> {
            throw sinkDown;
          });

      assertThatThrownBy(
              () -> judge.embed(BATCHES.get(1), (window, embedding) -> verdictOf(window)))
          .isSameAs(sinkDown)
          .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(modelDown));
    }
  }

  @Test
  void aModelFailureIsThrownByTheCallThatTakesItsEmbeddings() throws Exception {
    IllegalStateException modelDown = new IllegalStateException("model down");
    Recorder recorder = new Recorder();
    try (OverlappingJudge<RuntimeException> judge =
        new OverlappingJudge<>(
            new WindowJudge(
                FIRST_VALUE,
                FirstValueEmbedder.beforeEachCall(
                    call -> {
                      if (call == 1) {
                        throw modelDown;
                      }
                    }),
                recorder),
            "model-test")) {
      judge.embed(BATCHES.get(0), recorder.feeds());
      judge.embed(BATCHES.get(1), recorder.feeds());
      assertThat(recorder.judgedOn).as("the first batch, judged").hasSize(3);

      assertThatThrownBy(judge::judgeWaiting).isSameAs(modelDown);
      assertThat(judge.hasWaiting()).isFalse();
      assertThat(judge.judgeWaiting()).isEmpty();
    }
  }

  @Test
  void anEmptyBatchJudgesTheWaitingOneAndEmbedsNothing() throws Exception {
    List<Integer> calls = Collections.synchronizedList(new ArrayList<>());
    Recorder recorder = new Recorder();
    try (OverlappingJudge<RuntimeException> judge =
        new OverlappingJudge<>(
            new WindowJudge(FIRST_VALUE, FirstValueEmbedder.beforeEachCall(calls::add), recorder),
            "model-test")) {
      judge.embed(BATCHES.get(0), recorder.feeds());
      judge.embed(List.of(), recorder.feeds());

      assertThat(judge.hasWaiting()).isFalse();
      assertThat(calls).containsExactly(0);
      assertThat(recorder.judgedOn).hasSize(3);
      assertThat(judge.judgeWaiting()).isEmpty();
    }
  }

  @Test
  void closeWaitsForTheModelsBatchSoThatTheEmbedderMayBeClosedAfter() {
    CountDownLatch modelDone = new CountDownLatch(1);
    OverlappingJudge<RuntimeException> judge =
        new OverlappingJudge<>(
            new WindowJudge(
                FIRST_VALUE,
                FirstValueEmbedder.beforeEachCall(
                    call -> {
                      sleep(200);
                      modelDone.countDown();
                    }),
                EngineListener.NONE),
            "model-test");
    judge.embed(BATCHES.get(0), (window, embedding) -> verdictOf(window));

    judge.close();

    assertThat(modelDone.getCount()).isZero();
    assertThat(judge.hasWaiting()).isFalse();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void twoBatchesOfLagAreNeededToJudgeOneBatchLate() {
    assertThat(OverlappingJudge.covers(64, 32)).isTrue();
    assertThat(OverlappingJudge.covers(63, 32)).isFalse();
    assertThat(OverlappingJudge.covers(64, 64)).isFalse();
    assertThat(OverlappingJudge.covers(Integer.MAX_VALUE, Integer.MAX_VALUE)).isFalse();
  }
}
