package io.isowatch.flink.types;

import io.isowatch.flink.monitor.MonitorState;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** A feed's monitor state as the bytes of {@code FeedMonitor.snapshot()}. */
public final class MonitorStateSerializer extends SnapshotStateSerializer<MonitorState> {
  private static final long serialVersionUID = 1L;
  public static final MonitorStateSerializer INSTANCE = new MonitorStateSerializer();

  @Override
  byte[] snapshotOf(MonitorState state) {
    return state.snapshot();
  }

  @Override
  MonitorState fromSnapshot(byte[] snapshot) {
    return MonitorState.fromSnapshot(snapshot);
  }

  @Override
  public TypeSerializerSnapshot<MonitorState> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Names the serializer in savepoints; the bytes carry their own kind and version. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<MonitorState> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
