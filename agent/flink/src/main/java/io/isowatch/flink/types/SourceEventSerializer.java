package io.isowatch.flink.types;

import io.isowatch.core.io.SourceEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A {@link SourceEvent}: a tag byte, then the observation or the rejection. */
public final class SourceEventSerializer extends ValueSerializer<SourceEvent> {
  private static final long serialVersionUID = 1L;
  public static final SourceEventSerializer INSTANCE = new SourceEventSerializer();

  private static final byte PARSED = 0;
  private static final byte MALFORMED = 1;

  @Override
  public void serialize(SourceEvent event, DataOutputView out) throws IOException {
    if (event instanceof SourceEvent.Parsed parsed) {
      out.writeByte(PARSED);
      ObservationSerializer.write(parsed.observation(), out);
    } else {
      out.writeByte(MALFORMED);
      RejectionSerializer.write(((SourceEvent.Malformed) event).rejection(), out);
    }
  }

  @Override
  public SourceEvent deserialize(DataInputView in) throws IOException {
    byte tag = in.readByte();
    if (tag == PARSED) {
      return new SourceEvent.Parsed(ObservationSerializer.read(in));
    }
    if (tag == MALFORMED) {
      return new SourceEvent.Malformed(RejectionSerializer.read(in));
    }
    throw new IOException("unknown source event tag " + tag);
  }

  @Override
  public TypeSerializerSnapshot<SourceEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Names the serializer in savepoints; it has no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<SourceEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
