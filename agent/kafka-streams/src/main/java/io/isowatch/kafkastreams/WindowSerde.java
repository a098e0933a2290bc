package io.isowatch.kafkastreams;

import io.isowatch.core.feed.Window;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A window waiting for its embedding batch, as versioned bytes: the pending-window store holds
 * them, so that a commit between a window's completion and its embedding loses nothing.
 */
final class WindowSerde implements Serde<Window> {
  static final String KIND = "pending-window";
  static final int VERSION = 1;

  static byte[] toBytes(Window window) {
    return SnapshotWriter.start(KIND, VERSION)
        .writeString(window.feedId())
        .writeLong(window.sequence())
        .writeInstant(window.firstEventTime())
        .writeInstant(window.lastEventTime())
        .writeDoubles(window.values())
        .toByteArray();
  }

  static Window fromBytes(byte[] bytes) {
    SnapshotReader in = SnapshotReader.open(bytes, KIND, VERSION);
    Window window =
        new Window(
            in.readString(), in.readLong(), in.readInstant(), in.readInstant(), in.readDoubles());
    in.finish();
    return window;
  }

  @Override
  public Serializer<Window> serializer() {
    return (topic, window) -> window == null ? null : toBytes(window);
  }

  @Override
  public Deserializer<Window> deserializer() {
    return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
  }
}
