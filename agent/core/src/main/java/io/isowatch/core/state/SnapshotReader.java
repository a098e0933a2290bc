package io.isowatch.core.state;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Reads a snapshot written by {@link SnapshotWriter}, checking its header first. Every failure is a
 * {@link CorruptSnapshotException} saying what is wrong: another kind of state, a version this
 * build cannot read, a truncated or over-long payload.
 */
public final class SnapshotReader {
  static final int MAGIC = 0x49_57_53_54; // "IWST"

  /** What an operator can do with state of another kind: it is never read as this one. */
  static final String MISMATCH_ADVICE =
      "check which store or key it came from, or start this feed's state afresh";

  /** What an operator can do with state a newer release wrote: this build cannot downgrade it. */
  static final String NEWER_ADVICE =
      "it was written by a newer isowatch; restore it with that release, or start this feed's"
          + " state afresh (clear the engine's state store or savepoint)";

  /** Longest array a snapshot may declare; guards against allocating from a corrupt length. */
  private static final int MAX_ARRAY = 1 << 28;

  private final String kind;
  private final int version;
  private final ByteArrayInputStream bytes;
  private final DataInputStream in;

  private SnapshotReader(byte[] snapshot, String expectedKind, int newestVersion) {
    this.kind = expectedKind;
    this.bytes = new ByteArrayInputStream(snapshot);
    this.in = new DataInputStream(bytes);
    if (readInt() != MAGIC) {
      throw new CorruptSnapshotException("not an isowatch snapshot (bad magic number)");
    }
    String actualKind = readString();
    if (!actualKind.equals(expectedKind)) {
      throw new CorruptSnapshotException(
          "snapshot holds '"
              + actualKind
              + "' state, expected '"
              + expectedKind
              + "': "
              + MISMATCH_ADVICE);
    }
    this.version = readInt();
    if (version < 1 || version > newestVersion) {
      throw new CorruptSnapshotException(
          "'"
              + expectedKind
              + "' snapshot has format version "
              + version
              + ", this build reads versions 1 to "
              + newestVersion
              + ": "
              + NEWER_ADVICE);
    }
  }

  /**
   * Opens {@code snapshot}, which must hold {@code kind} state of a version up to {@code newest}.
   */
  public static SnapshotReader open(byte[] snapshot, String kind, int newestVersion) {
    return new SnapshotReader(snapshot, kind, newestVersion);
  }

  /** The format version the snapshot was written in, for readers of older layouts. */
  public int version() {
    return version;
  }

  public int readInt() {
    return read(in::readInt);
  }

  public long readLong() {
    return read(in::readLong);
  }

  public double readDouble() {
    return read(in::readDouble);
  }

  public boolean readBoolean() {
    return read(in::readBoolean);
  }

  /**
   * An instant written by {@link SnapshotWriter#writeInstant}; nanoseconds out of range are
   * refused.
   */
  public Instant readInstant() {
    long seconds = readLong();
    int nanos = readInt();
    if (nanos < 0 || nanos > 999_999_999) {
      throw new CorruptSnapshotException(
          "'" + kind + "' snapshot holds an event time with " + nanos + " nanoseconds");
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** An instant written by {@link SnapshotWriter#writeOptionalInstant}, {@code null} for none. */
  public Instant readOptionalInstant() {
    return readBoolean() ? readInstant() : null;
  }

  public String readString() {
    return read(in::readUTF);
  }

  public byte[] readBytes() {
    int length = readInt();
    if (length < 0 || length > bytes.available()) {
      throw new CorruptSnapshotException(
          "'" + kind + "' snapshot declares " + length + " nested bytes it does not hold");
    }
    byte[] value = new byte[length];
    read(
        () -> {
          in.readFully(value);
          return value;
        });
    return value;
  }

  public double[] readDoubles() {
    ByteBuffer block = arrayBlock(Double.BYTES);
    double[] values = new double[block.remaining() / Double.BYTES];
    block.asDoubleBuffer().get(values);
    return values;
  }

  public float[] readFloats() {
    ByteBuffer block = arrayBlock(Float.BYTES);
    float[] values = new float[block.remaining() / Float.BYTES];
    block.asFloatBuffer().get(values);
    return values;
  }

  /**
   * The bytes of a length-prefixed array of values {@code valueBytes} wide, checked against what
   * the snapshot still holds before anything is allocated.
   */
  private ByteBuffer arrayBlock(int valueBytes) {
    int length = readInt();
    if (length < 0 || length > MAX_ARRAY || (long) length * valueBytes > bytes.available()) {
      throw new CorruptSnapshotException(
          "'" + kind + "' snapshot declares an array of " + length + " values it does not hold");
    }
    byte[] block = new byte[length * valueBytes];
    read(
        () -> {
          in.readFully(block);
          return block;
        });
    return ByteBuffer.wrap(block);
  }

  /** Fails unless every byte has been read: trailing bytes mean a layout mismatch. */
  public void finish() {
    if (bytes.available() > 0) {
      throw new CorruptSnapshotException(
          "'" + kind + "' snapshot has " + bytes.available() + " unexpected trailing bytes");
    }
  }

  private <T> T read(IoRead<T> action) {
    try {
      return action.read();
    } catch (EOFException e) {
      throw new CorruptSnapshotException("'" + kind + "' snapshot is truncated");
    } catch (IOException e) {
      throw new CorruptSnapshotException(
          "'" + kind + "' snapshot is unreadable: " + e.getMessage());
    }
  }

  private interface IoRead<T> {
    T read() throws IOException;
  }
}
