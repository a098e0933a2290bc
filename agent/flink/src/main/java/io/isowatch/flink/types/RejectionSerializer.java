package io.isowatch.flink.types;

import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A {@link Rejection}; the reason is written by its label, so reordering the enum is safe. */
public final class RejectionSerializer extends ValueSerializer<Rejection> {
  private static final long serialVersionUID = 1L;
  public static final RejectionSerializer INSTANCE = new RejectionSerializer();

  @Override
  public void serialize(Rejection rejection, DataOutputView out) throws IOException {
    write(rejection, out);
  }

  @Override
  public Rejection deserialize(DataInputView in) throws IOException {
    return read(in);
  }

  static void write(Rejection rejection, DataOutputView out) throws IOException {
    Fields.writeString(out, rejection.reason().label());
    Fields.writeOptionalString(out, rejection.feedId());
    Fields.writeString(out, rejection.original());
    Fields.writeString(out, rejection.detail());
    Fields.writeInstant(out, rejection.rejectedAt());
  }

  static Rejection read(DataInputView in) throws IOException {
    String label = Fields.readString(in);
    return new Rejection(
        reason(label),
        Fields.readOptionalString(in),
        Fields.readString(in),
        Fields.readString(in),
        Fields.readInstant(in));
  }

  private static RejectionReason reason(String label) throws IOException {
    for (RejectionReason reason : RejectionReason.values()) {
      if (reason.label().equals(label)) {
        return reason;
      }
    }
    throw new IOException("unknown rejection reason " + label);
  }

  @Override
  public TypeSerializerSnapshot<Rejection> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Names the serializer in savepoints; it has no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Rejection> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
