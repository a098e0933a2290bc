package io.isowatch.core.state;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;

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
  private static final int INITIAL_CAPACITY = 1024;

  /** Buffers kept for the largest snapshots a thread writes at once (a monitor and its parts). */
  private static final int POOLED_BUFFERS = 4;

  /**
   * Each thread's spare buffers: a writer takes one and gives it back at {@link #toByteArray}, so
   * that a thread that snapshots monitors over and over grows its buffers once, not every time: at
   * most {@value #POOLED_BUFFERS} buffers a thread, each the size of the largest snapshot written
   * into it (about 0.5 MB in all for a numeric-LM monitor and its parts).
   */
  private static final ThreadLocal<ArrayDeque<byte[]>> SPARE =
      ThreadLocal.withInitial(ArrayDeque::new);

  /**
   * The bytes so far, written in place (big-endian, as {@link DataOutputStream} writes them): no
   * stream per field and no intermediate block per array, since engines snapshot monitors on their
   * hot path (Kafka Streams after each embedding batch).
   */
  private byte[] bytes;

  private int size;

  /** Whether {@link #bytes} is a thread's spare buffer, to be given back. */
  private boolean pooled;

  private SnapshotWriter() {
    byte[] spare = SPARE.get().pollLast();
    this.bytes = spare != null ? spare : new byte[INITIAL_CAPACITY];
    this.pooled = true;
  }

  /** A writer whose snapshot opens with the magic, {@code kind} and {@code version}. */
  public static SnapshotWriter start(String kind, int version) {
    SnapshotWriter writer = new SnapshotWriter();
    writer.writeInt(SnapshotReader.MAGIC).writeString(kind).writeInt(version);
    return writer;
  }

  public SnapshotWriter writeInt(int value) {
    ensure(Integer.BYTES);
    putInt(value);
    return this;
  }

  public SnapshotWriter writeLong(long value) {
    ensure(Long.BYTES);
    putLong(value);
    return this;
  }

  /** As {@link DataOutputStream#writeDouble}: the bits of {@link Double#doubleToLongBits}. */
  public SnapshotWriter writeDouble(double value) {
    return writeLong(Double.doubleToLongBits(value));
  }

  public SnapshotWriter writeBoolean(boolean value) {
    ensure(1);
    bytes[size++] = (byte) (value ? 1 : 0);
    return this;
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

  /** As {@link DataOutputStream#writeUTF}: a 2-byte length, then modified UTF-8. */
  public SnapshotWriter writeString(String value) {
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(encoded)) {
      out.writeUTF(value);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    byte[] utf = encoded.toByteArray();
    ensure(utf.length);
    System.arraycopy(utf, 0, bytes, size, utf.length);
    size += utf.length;
    return this;
  }

  /** A length-prefixed byte array: how a composite nests the snapshots of its parts. */
  public SnapshotWriter writeBytes(byte[] value) {
    ensure(Integer.BYTES + value.length);
    putInt(value.length);
    System.arraycopy(value, 0, bytes, size, value.length);
    size += value.length;
    return this;
  }

  /** A length-prefixed array. */
  public SnapshotWriter writeDoubles(double[] values) {
    return writeDoubles(values, 0, values.length);
  }

  /**
   * {@code length} values from {@code offset}, length-prefixed, each as {@link #writeDouble} writes
   * it: arrays are most of a monitor's bytes.
   */
  public SnapshotWriter writeDoubles(double[] values, int offset, int length) {
    ensure(Integer.BYTES + (long) length * Double.BYTES);
    putInt(length);
    for (int i = offset; i < offset + length; i++) {
      putLong(Double.doubleToLongBits(values[i]));
    }
    return this;
  }

  /** A length-prefixed array of floats, each as its IEEE 754 bits (4 bytes, big-endian). */
  public SnapshotWriter writeFloats(float[] values) {
    ensure(Integer.BYTES + (long) values.length * Float.BYTES);
    putInt(values.length);
    for (float value : values) {
      putInt(Float.floatToIntBits(value));
    }
    return this;
  }

  /**
   * The snapshot's bytes. The writer's buffer then goes back to the thread's spares; the writer
   * stays usable (a later write starts from a copy of these bytes).
   */
  public byte[] toByteArray() {
    byte[] snapshot = Arrays.copyOf(bytes, size);
    if (pooled) {
      ArrayDeque<byte[]> spare = SPARE.get();
      if (spare.size() < POOLED_BUFFERS) {
        spare.addLast(bytes);
      }
      // snapshot is exactly full, so a later write copies it before writing: never changed
      bytes = snapshot;
      pooled = false;
    }
    return snapshot;
  }

  /** Room for {@code more} bytes, the buffer at least doubled when it grows. */
  private void ensure(long more) {
    long needed = size + more;
    if (needed > bytes.length) {
      if (needed > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("a snapshot cannot exceed 2 GB, needed " + needed);
      }
      long doubled = Math.min(2L * bytes.length, Integer.MAX_VALUE - 8);
      bytes = Arrays.copyOf(bytes, (int) Math.max(needed, doubled));
    }
  }

  private void putInt(int value) {
    INTS.set(bytes, size, value);
    size += Integer.BYTES;
  }

  private void putLong(long value) {
    LONGS.set(bytes, size, value);
    size += Long.BYTES;
  }

  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
}
