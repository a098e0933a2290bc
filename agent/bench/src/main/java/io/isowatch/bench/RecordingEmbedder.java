package io.isowatch.bench;

import io.isowatch.core.embed.Embedder;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes every batch to another embedder and keeps what went in and came out: the batches exactly
 * as a pipeline formed them (for a bare loop over the same batches) and the embeddings in order
 * (for replays through monitors). Closing it leaves the delegate open.
 */
final class RecordingEmbedder implements Embedder {
  private final Embedder delegate;
  private final List<List<EncodedWindow>> batches = new ArrayList<>();
  private final List<Embedding> embeddings = new ArrayList<>();

  RecordingEmbedder(Embedder delegate) {
    this.delegate = delegate;
  }

  @Override
  public List<Embedding> embed(List<EncodedWindow> batch) {
    List<Embedding> out = delegate.embed(batch);
    batches.add(List.copyOf(batch));
    embeddings.addAll(out);
    return out;
  }

  List<List<EncodedWindow>> batches() {
    return batches;
  }

  List<Embedding> embeddings() {
    return embeddings;
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public String describe() {
    return "recording " + delegate.describe();
  }

  @Override
  public void close() {
    // The delegate belongs to the caller.
  }
}
