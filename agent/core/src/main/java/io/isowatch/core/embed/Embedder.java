package io.isowatch.core.embed;

import io.isowatch.core.encode.EncodedWindow;
import java.util.List;

/**
 * A batch of encoded windows in, one {@link Embedding} per window out, in order. Implementations
 * own their runtime (sessions, device, padding); nothing else touches it. Not required to be
 * thread-safe: an engine gives each embedding thread its own instance.
 */
public interface Embedder extends AutoCloseable {
  List<Embedding> embed(List<EncodedWindow> batch);

  /** Width of the pooled vector and of each token state. */
  int dimension();

  /** Model, variant and device, for logs, e.g. {@code "all-minilm-l6-v2 int8 on cpu"}. */
  String describe();

  @Override
  void close();
}
