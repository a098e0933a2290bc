package io.isowatch.engine.judge;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.embed.Embedder;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.engine.report.EngineListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a window gets judged, on every engine: a batch of windows (of any feeds) is encoded,
 * embedded in one call, and each window handed with its embedding to its own feed's monitor, in
 * batch order; each verdict is reported to the listener and its alerts to the engine's output. What
 * is the engine's own is how it reaches a feed's monitor and where alerts go ({@link Feeds}).
 *
 * <pre>{@code
 * WindowJudge judge = new WindowJudge(encoder, embedder, listener);
 * judge.judge(batch.take(now), (window, embedding) -> monitors.get(window.feedId())
 *     .onEmbedded(window, embedding));
 * }</pre>
 *
 * <p>Order of the reports for each window: {@code windowMeasured}, {@code verdict}, {@code signals}
 * (when it evaluated), {@link Feeds#measured}, then per alert {@link Feeds#alert} and {@code
 * alert}.
 */
public final class WindowJudge {
  private final WindowEncoder encoder;
  private final Embedder embedder;
  private final EngineListener listener;

  public WindowJudge(WindowEncoder encoder, Embedder embedder, EngineListener listener) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** How an engine reaches the monitor of a window's feed, and where its outputs go. */
  @FunctionalInterface
  public interface Feeds<X extends Exception> {
    /** Hands the window and its embedding to its feed's monitor ({@code onEmbedded}). */
    WindowVerdict onEmbedded(Window window, Embedding embedding) throws X;

    /** After the listener has seen the verdict: e.g. a measures topic. */
    default void measured(WindowVerdict verdict) throws X {}

    /** An alert of the verdict, to the engine's alert output. */
    default void alert(Alert alert) throws X {}
  }

  /**
   * Judges the windows, in order; returns their verdicts. Nothing is done for an empty batch.
   *
   * @throws X what the engine's own part throws (an alert sink's failure, a state backend's)
   */
  public <X extends Exception> List<WindowVerdict> judge(List<Window> windows, Feeds<X> feeds)
      throws X {
    if (windows.isEmpty()) {
      return List.of();
    }
    return judge(embed(windows), feeds);
  }

  /**
   * Encodes and embeds the windows, reporting nothing yet: {@link #judge(Embedded, Feeds)} reports
   * the call with the verdicts, so that an engine can embed one batch while it judges the one
   * before on another thread, and the listener still hears of one batch at a time.
   */
  public Embedded embed(List<Window> windows) {
    List<EncodedWindow> encoded = new ArrayList<>(windows.size());
    for (Window window : windows) {
      encoded.add(encoder.encode(window.values()));
    }
    long start = System.nanoTime();
    List<Embedding> embeddings = windows.isEmpty() ? List.of() : embedder.embed(encoded);
    return new Embedded(List.copyOf(windows), embeddings, System.nanoTime() - start);
  }

  /**
   * Reports the embedding call, then hands each window with its embedding to its feed's monitor, in
   * order; returns the verdicts.
   */
  public <X extends Exception> List<WindowVerdict> judge(Embedded batch, Feeds<X> feeds) throws X {
    if (batch.windows().isEmpty()) {
      return List.of();
    }
    listener.embedded(batch.size(), batch.nanos());
    return judgeEmbedded(batch.windows(), batch.embeddings(), feeds);
  }

  /**
   * As {@link #judge(Embedded, Feeds)} but without reporting an embedding call: for one caller's
   * share of a batch whose call was reported once for all ({@link SharedModelThread}).
   */
  public <X extends Exception> List<WindowVerdict> judgeEmbedded(
      List<Window> windows, List<Embedding> embeddings, Feeds<X> feeds) throws X {
    if (windows.size() != embeddings.size()) {
      throw new IllegalArgumentException(
          windows.size() + " windows but " + embeddings.size() + " embeddings");
    }
    List<WindowVerdict> verdicts = new ArrayList<>(windows.size());
    for (int i = 0; i < windows.size(); i++) {
      Window window = windows.get(i);
      WindowVerdict verdict = feeds.onEmbedded(window, embeddings.get(i));
      listener.windowMeasured(window.feedId());
      listener.verdict(verdict);
      if (!verdict.signals().isEmpty()) {
        listener.signals(window.feedId(), verdict.signals());
      }
      feeds.measured(verdict);
      for (Alert alert : verdict.alerts()) {
        feeds.alert(alert);
        listener.alert(alert);
      }
      verdicts.add(verdict);
    }
    return verdicts;
  }

  /** A batch embedded and not yet judged: its windows, their embeddings, the call's duration. */
  public record Embedded(List<Window> windows, List<Embedding> embeddings, long nanos) {
    public Embedded {
      if (windows.size() != embeddings.size()) {
        throw new IllegalArgumentException(
            windows.size() + " windows but " + embeddings.size() + " embeddings");
      }
    }

    public int size() {
      return windows.size();
    }
  }
}
