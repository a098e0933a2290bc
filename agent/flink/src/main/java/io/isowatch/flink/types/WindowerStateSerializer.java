package io.isowatch.flink.types;

import io.isowatch.flink.feed.WindowerState;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** A feed's windower state as the bytes of {@code FeedWindower.snapshot()}. */
public final class WindowerStateSerializer extends SnapshotStateSerializer<WindowerState> {
  private static final long serialVersionUID = 1L;
  public static final WindowerStateSerializer INSTANCE = new WindowerStateSerializer();

  @Override
  byte[] snapshotOf(WindowerState state) {
    return state.snapshot();
  }

  @Override
  WindowerState fromSnapshot(byte[] snapshot) {
    return WindowerState.fromSnapshot(snapshot);
  }

  @Override
  public TypeSerializerSnapshot<WindowerState> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Names the serializer in savepoints; the bytes carry their own kind and version. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowerState> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
