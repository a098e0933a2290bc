package io.isowatch.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.engine.report.EngineListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowJudgeTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static final WindowEncoder FIRST_VALUE = new FirstValueEncoder();

  private static Window window(String feed, long sequence, double first) {
    return new Window(feed, sequence, T0, T0.plusSeconds(sequence), new double[] {first, 0});
  }

  @Test
  void oneEmbeddingCallThenEachWindowReachesItsOwnFeedInBatchOrder() {
    FirstValueEmbedder embedder = new FirstValueEmbedder();
    List<String> events = new ArrayList<>();
    EngineListener listener =
        new EngineListener() {
          @Override
          public void embedded(int batchSize, long nanos) {
            events.add("embedded " + batchSize);
          }

          @Override
          public void windowMeasured(String feedId) {
            events.add("measured " + feedId);
          }

          @Override
          public void verdict(WindowVerdict verdict) {
            events.add("verdict " + verdict.window().sequence());
          }

          @Override
          public void signals(String feedId, Map<MonitorSignal, Double> values) {
            events.add("signals " + feedId);
          }
        };
    List<Window> batch = List.of(window("a", 0, 10), window("b", 0, 20), window("a", 1, 30));
    List<String> handed = new ArrayList<>();

    List<WindowVerdict> verdicts =
        new WindowJudge(FIRST_VALUE, embedder, listener)
            .judge(
                batch,
                new WindowJudge.Feeds<RuntimeException>() {
                  @Override
                  public WindowVerdict onEmbedded(Window window, Embedding embedding) {
                    handed.add(window.feedId() + window.sequence() + "=" + embedding.pooled()[0]);
                    // Only feed b's window evaluates: its verdict carries signal values.
                    Map<MonitorSignal, Double> signals =
                        window.feedId().equals("b")
                            ? Map.of(MonitorSignal.values()[0], 0.5)
                            : Map.of();
                    return new WindowVerdict(
                        window,
                        signals,
                        List.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        0);
                  }

                  @Override
                  public void measured(WindowVerdict verdict) {
                    events.add("out " + verdict.window().feedId());
                  }
                });

    assertThat(embedder.sizes).containsExactly(3);
    assertThat(handed).containsExactly("a0=10.0", "b0=20.0", "a1=30.0");
    assertThat(verdicts).extracting(WindowVerdict::window).containsExactlyElementsOf(batch);
    assertThat(events)
        .containsExactly(
            "embedded 3",
            "measured a",
            "verdict 0",
            "out a",
            "measured b",
            "verdict 0",
            "signals b",
            "out b",
            "measured a",
            "verdict 1",
            "out a");
  }

  @Test
  void anEmptyBatchCallsNothing() {
    FirstValueEmbedder embedder = new FirstValueEmbedder();

    List<WindowVerdict> verdicts =
        new WindowJudge(FIRST_VALUE, embedder, EngineListener.NONE)
            .judge(
                List.of(),
                (window, embedding) -> {
                  throw new AssertionError("no window to judge");
                });

    assertThat(verdicts).isEmpty();
    assertThat(embedder.sizes).isEmpty();
  }
}
