package io.isowatch.flink.types;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Keyed state that holds a live core object and writes the core's own snapshot bytes: the state is
 * mutable, so a copy goes through the bytes (a deep copy, as the heap backend's copy-on-write
 * snapshots need).
 */
abstract class SnapshotStateSerializer<T> extends ValueSerializer<T> {
  private static final long serialVersionUID = 1L;

  abstract byte[] snapshotOf(T state);

  abstract T fromSnapshot(byte[] snapshot);

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public T copy(T from) {
    return fromSnapshot(snapshotOf(from));
  }

  @Override
  public void serialize(T state, DataOutputView out) throws IOException {
    Fields.writeBytes(out, snapshotOf(state));
  }

  @Override
  public T deserialize(DataInputView in) throws IOException {
    return fromSnapshot(Fields.readBytes(in));
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    Fields.writeBytes(target, Fields.readBytes(source));
  }
}
