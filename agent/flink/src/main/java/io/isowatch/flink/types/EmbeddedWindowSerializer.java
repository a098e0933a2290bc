package io.isowatch.flink.types;

import io.isowatch.core.embed.Embedding;
import io.isowatch.flink.embed.EmbeddedWindow;
import java.io.IOException;
import java.util.Optional;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An {@link EmbeddedWindow}: the window, the pooled vector, the token states and the logits when
 * present. The job keeps the embedder and the monitors in one chain, so this is written only when a
 * job is laid out otherwise.
 */
public final class EmbeddedWindowSerializer extends ValueSerializer<EmbeddedWindow> {
  private static final long serialVersionUID = 1L;
  public static final EmbeddedWindowSerializer INSTANCE = new EmbeddedWindowSerializer();

  @Override
  public void serialize(EmbeddedWindow embedded, DataOutputView out) throws IOException {
    WindowSerializer.write(embedded.window(), out);
    Embedding embedding = embedded.embedding();
    Fields.writeFloats(out, embedding.pooled());
    out.writeInt(embedding.tokenStates().length);
    for (float[] token : embedding.tokenStates()) {
      Fields.writeFloats(out, token);
    }
    out.writeBoolean(embedding.logits().isPresent());
    if (embedding.logits().isPresent()) {
      Fields.writeFloats(out, embedding.logits().get());
    }
  }

  @Override
  public EmbeddedWindow deserialize(DataInputView in) throws IOException {
    var window = WindowSerializer.read(in);
    float[] pooled = Fields.readFloats(in);
    float[][] tokens = new float[in.readInt()][];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = Fields.readFloats(in);
    }
    Optional<float[]> logits =
        in.readBoolean() ? Optional.of(Fields.readFloats(in)) : Optional.empty();
    return new EmbeddedWindow(window, new Embedding(pooled, tokens, logits));
  }

  @Override
  public TypeSerializerSnapshot<EmbeddedWindow> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Names the serializer in savepoints; it has no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<EmbeddedWindow> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
