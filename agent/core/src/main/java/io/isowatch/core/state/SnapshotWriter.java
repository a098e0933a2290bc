package io.isowatch.core.state;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Writes a versioned binary snapshot of a stateful core object: a header naming the kind of state
 * and its format version, then fields in a fixed order. Engines store the bytes as they are (Kafka
 * Streams state stores, Flink state); only the owning class knows the layout.
 *
 * <pre>{@code
 * SnapshotWriter out = SnapshotWriter.start("rolling-cloud", 1);
 * out.writeInt(capacity).writeDoubles(buffer);
 * byte[] bytes = out.toByteArray();
 * }</pre>
 */
public final class SnapshotWriter {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final DataOutputStream out = new DataOutputStream(bytes);

  private SnapshotWriter() {}

  /** A writer whose snapshot opens with the magic, {@code kind} and {@code version}. */
  public static SnapshotWriter start(String kind, int version) {
    SnapshotWriter writer = new SnapshotWriter();
    writer.writeInt(SnapshotReader.MAGIC).writeString(kind).writeInt(version);
    return writer;
  }

  public SnapshotWriter writeInt(int value) {
    return write(() -> out.writeInt(value));
  }

  public SnapshotWriter writeLong(long value) {
    return write(() -> out.writeLong(value));
  }

  public SnapshotWriter writeDouble(double value) {
    return write(() -> out.writeDouble(value));
  }

  public SnapshotWriter writeBoolean(boolean value) {
    return write(() -> out.writeBoolean(value));
  }

  /** An instant as its epoch seconds then nanoseconds, as every format has written one. */
  public SnapshotWriter writeInstant(Instant instant) {
    return writeLong(instant.getEpochSecond()).writeInt(instant.getNano());
  }

  /** A flag, then the instant if there is one ({@code null} for none). */
  public SnapshotWriter writeOptionalInstant(Instant instant) {
    writeBoolean(instant != null);
    return instant == null ? this : writeInstant(instant);
  }

  public SnapshotWriter writeString(String value) {
    return write(() -> out.writeUTF(value));
  }

  /** A length-prefixed byte array: how a composite nests the snapshots of its parts. */
  public SnapshotWriter writeBytes(byte[] value) {
    return write(
        () -> {
          out.writeInt(value.length);
          out.write(value);
        });
  }

  /** A length-prefixed array. */
  public SnapshotWriter writeDoubles(double[] values) {
    return writeDoubles(values, 0, values.length);
  }

  /**
   * {@code length} values from {@code offset}, length-prefixed. Written as one block, byte for byte
   * what {@link DataOutputStream#writeDouble} writes: arrays are most of a monitor's bytes, and
   * engines snapshot monitors on their hot path (Kafka Streams after each embedding batch).
   */
  public SnapshotWriter writeDoubles(double[] values, int offset, int length) {
    byte[] block = new byte[length * Double.BYTES];
    ByteBuffer buffer = ByteBuffer.wrap(block);
    for (int i = offset; i < offset + length; i++) {
      buffer.putLong(Double.doubleToLongBits(values[i]));
    }
    return write(
        () -> {
          out.writeInt(length);
          out.write(block);
        });
  }

  public byte[] toByteArray() {
    write(out::flush);
    return bytes.toByteArray();
  }

  private SnapshotWriter write(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return this;
  }

  private interface IoAction {
    void run() throws IOException;
  }
}
