package io.isowatch.flink.embed;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.Window;
import java.util.Objects;

/**
 * A window with what the model made of it, on its way to its feed's monitor. Treated as immutable:
 * no operator changes the embedding's arrays after the embedder returned them.
 */
public record EmbeddedWindow(Window window, Embedding embedding) {
  public EmbeddedWindow {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(embedding, "embedding");
  }

  public String feedId() {
    return window.feedId();
  }
}
