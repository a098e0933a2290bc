package io.isowatch.core.predict;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.Window;
import java.util.Optional;

/**
 * Where a feed's predictive softmax comes from: the model's own logits over its numeric vocabulary
 * ({@link ModelLogitsSource}), or a log-linear head learned online on the window vector ({@link
 * OnlineLogLinearHead}, the paper's model). Either way the monitor gets a {@link Prediction} of the
 * value that follows a window, and later tells the source what that value was. One instance serves
 * one feed; not thread-safe.
 */
public interface SoftmaxSource {
  /** The distribution of the value after {@code window}, or empty while the source warms up. */
  Optional<Prediction> predict(Window window, Embedding embedding);

  /**
   * The value that {@code prediction} was about has arrived; a learning head updates on it (a
   * warming-up head collects it).
   */
  void learn(Prediction prediction, double actual);

  /**
   * Whether predictions mean anything yet. A learning head predicts from its first window (so that
   * it can learn from the answers) but is not ready until it has warmed up; only ready predictions
   * count as forecasts.
   */
  default boolean ready() {
    return true;
  }

  /** The source's state as versioned bytes (empty state for a fixed model head). */
  byte[] snapshot();

  /** Bytes of state this source holds. */
  long memoryBytes();

  /** What the source is, for logs, e.g. {@code "online head, 32 quantile bins"}. */
  String describe();
}
