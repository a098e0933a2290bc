package io.isowatch.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SnapshotWriterTest {

  /** What the writer wrote before it wrote in place: DataOutputStream, field by field. */
  private static byte[] expected(double[] values, byte[] nested) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(SnapshotReader.MAGIC);
      out.writeUTF("kind-é");
      out.writeInt(3);
      out.writeLong(-7L);
      out.writeDouble(Double.NaN);
      out.writeBoolean(true);
      out.writeInt(values.length);
      for (double v : values) {
        out.writeDouble(v);
      }
      out.writeInt(nested.length);
      out.write(nested);
    }
    return bytes.toByteArray();
  }

  @Test
  void theBytesAreDataOutputStreamsAndLaterWritesLeaveThemAlone() throws IOException {
    double[] values = new double[5000];
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.sin(i) * 1e3;
    }
    for (int round = 0; round < 3; round++) { // later rounds write into the thread's spare buffers
      byte[] nested = SnapshotWriter.start("part", 1).writeDoubles(values, 10, 100).toByteArray();
      SnapshotWriter writer =
          SnapshotWriter.start("kind-é", 3)
              .writeLong(-7L)
              .writeDouble(Double.NaN)
              .writeBoolean(true)
              .writeDoubles(values)
              .writeBytes(nested);

      byte[] first = writer.toByteArray();
      byte[] copy = first.clone();
      writer.writeInt(42);
      SnapshotWriter.start("other", 1).writeDoubles(values).toByteArray();

      assertThat(first).isEqualTo(expected(values, nested)).isEqualTo(copy);
      assertThat(writer.toByteArray()).hasSize(first.length + Integer.BYTES).startsWith(first);
    }
  }
}
