package io.isowatch.engine.judge;

import io.isowatch.core.embed.Embedder;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * The mate of {@link FirstValueEncoder}: embeds each window as a one-wide vector holding its first
 * token id, so an embedding names the window it came from. Records each call's thread and batch
 * size, and first runs a hook that may count, block or throw.
 */
final class FirstValueEmbedder implements Embedder {
  /** Runs before call number {@code call} (0 for the first) embeds {@code batch}. */
  interface BeforeCall {
    void before(int call, List<EncodedWindow> batch);
  }

  final List<String> ranOn = Collections.synchronizedList(new ArrayList<>());
  final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
  private final BeforeCall beforeCall;
  private int calls;

  FirstValueEmbedder() {
    this((call, batch) -> {});
  }

  FirstValueEmbedder(BeforeCall beforeCall) {
    this.beforeCall = beforeCall;
  }

  /** One whose hook is given the call's index only. */
  static FirstValueEmbedder beforeEachCall(IntConsumer hook) {
    return new FirstValueEmbedder((call, batch) -> hook.accept(call));
  }

  @Override
  public List<Embedding> embed(List<EncodedWindow> batch) {
    ranOn.add(Thread.currentThread().getName());
    sizes.add(batch.size());
    beforeCall.before(calls++, batch);
    if (batch.stream().anyMatch(w -> w.queries() > 0)) {
      throw new IllegalArgumentException("a first-value embedder answers no forecast query");
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
    return "first value";
  }

  @Override
  public void close() {}
}
