package io.isowatch.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The snapshot layout is what engines keep in their stores and changelogs: arrays written as one
 * block must be, byte for byte, what {@link DataOutputStream} writes value by value, so snapshots
 * of earlier builds still restore.
 */
class SnapshotFormatTest {
  private static final double[] AWKWARD = {
    0.0,
    -0.0,
    1.5,
    -Math.PI,
    Double.MIN_VALUE,
    Double.MAX_VALUE,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.NaN,
    Double.longBitsToDouble(0x7ff0_0000_0000_0001L) // a NaN with another payload
  };

  @Test
  void anArrayIsWrittenAsDataOutputStreamWritesItValueByValue() throws IOException {
    double[] values = new SplittableRandom(3).doubles(1000, -1e6, 1e6).toArray();
    System.arraycopy(AWKWARD, 0, values, 100, AWKWARD.length);

    byte[] block = SnapshotWriter.start("k", 1).writeDoubles(values, 7, 900).toByteArray();

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(expected);
    out.writeInt(SnapshotReader.MAGIC);
    out.writeUTF("k");
    out.writeInt(1);
    out.writeInt(900);
    for (int i = 7; i < 907; i++) {
      out.writeDouble(values[i]);
    }
    assertThat(block).isEqualTo(expected.toByteArray());
  }

  @Test
  void anArrayReadsBackAsWritten() {
    double[] values = Arrays.copyOf(AWKWARD, AWKWARD.length + 2);
    values[AWKWARD.length] = 42;

    byte[] snapshot = SnapshotWriter.start("k", 1).writeDoubles(values).writeInt(7).toByteArray();
    SnapshotReader in = SnapshotReader.open(snapshot, "k", 1);

    double[] read = in.readDoubles();
    assertThat(in.readInt()).isEqualTo(7);
    in.finish();
    assertThat(read).hasSize(values.length);
    for (int i = 0; i < values.length; i++) {
      // NaNs compare by Double.compare (payloads are canonical after DataOutputStream's encoding)
      assertThat(Double.compare(read[i], values[i])).as("value %d", i).isZero();
    }
  }

  @Test
  void aTruncatedArrayIsReportedAsSuch() {
    byte[] snapshot =
        SnapshotWriter.start("k", 1).writeDoubles(new double[] {1, 2, 3}).toByteArray();
    byte[] cut = Arrays.copyOf(snapshot, snapshot.length - 1);

    assertThatThrownBy(() -> SnapshotReader.open(cut, "k", 1).readDoubles())
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("array of 3 values it does not hold");
  }

  @Test
  void aFloatArrayIsWrittenAsDataOutputStreamWritesItAndReadsBack() throws IOException {
    float[] values = {0f, -0f, 1.5f, -(float) Math.PI, Float.MIN_VALUE, Float.MAX_VALUE, 1e-30f};

    byte[] snapshot = SnapshotWriter.start("k", 1).writeFloats(values).writeInt(7).toByteArray();

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(expected);
    out.writeInt(SnapshotReader.MAGIC);
    out.writeUTF("k");
    out.writeInt(1);
    out.writeInt(values.length);
    for (float value : values) {
      out.writeFloat(value);
    }
    out.writeInt(7);
    assertThat(snapshot).isEqualTo(expected.toByteArray());

    SnapshotReader in = SnapshotReader.open(snapshot, "k", 1);
    assertThat(in.readFloats()).containsExactly(values);
    assertThat(in.readInt()).isEqualTo(7);
    in.finish();
  }

  @Test
  void aTruncatedFloatArrayIsReportedAsSuch() {
    byte[] snapshot = SnapshotWriter.start("k", 1).writeFloats(new float[] {1, 2}).toByteArray();
    byte[] cut = Arrays.copyOf(snapshot, snapshot.length - 1);

    assertThatThrownBy(() -> SnapshotReader.open(cut, "k", 1).readFloats())
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("array of 2 values it does not hold");
  }
}
