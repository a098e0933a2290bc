package io.isowatch.flink.types;

import io.isowatch.core.feed.Window;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A {@link Window}: feed, sequence, first and last event time, values. */
public final class WindowSerializer extends ValueSerializer<Window> {
  private static final long serialVersionUID = 1L;
  public static final WindowSerializer INSTANCE = new WindowSerializer();

  @Override
  public void serialize(Window window, DataOutputView out) throws IOException {
    write(window, out);
  }

  @Override
  public Window deserialize(DataInputView in) throws IOException {
    return read(in);
  }

  static void write(Window window, DataOutputView out) throws IOException {
    Fields.writeString(out, window.feedId());
    out.writeLong(window.sequence());
    Fields.writeInstant(out, window.firstEventTime());
    Fields.writeInstant(out, window.lastEventTime());
    Fields.writeDoubles(out, window.values());
  }

  static Window read(DataInputView in) throws IOException {
    return new Window(
        Fields.readString(in),
        in.readLong(),
        Fields.readInstant(in),
        Fields.readInstant(in),
        Fields.readDoubles(in));
  }

  @Override
  public TypeSerializerSnapshot<Window> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Names the serializer in savepoints; it has no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Window> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
