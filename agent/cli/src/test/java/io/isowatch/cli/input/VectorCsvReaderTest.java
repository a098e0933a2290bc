package io.isowatch.cli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.cli.Cli;
import io.isowatch.core.geometry.Cloud;
import io.isowatch.engine.spec.InputFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorCsvReaderTest {
  @TempDir Path dir;

  @Test
  void readsEveryNumberSpellingDoubleParses() throws Exception {
    Path file = Cli.write(dir, "v.csv", "1,-2.5,3e-2\n+4, .5 ,1d\r\n0x1p3,-0,7.\n");

    Cloud cloud = VectorCsvReader.read(file);

    assertThat(cloud.size()).isEqualTo(3);
    assertThat(cloud.row(0)).containsExactly(1, -2.5, 0.03);
    assertThat(cloud.row(1)).containsExactly(4, 0.5, 1);
    assertThat(cloud.row(2)).containsExactly(8, -0.0, 7);
  }

  @Test
  void skipsAByteOrderMark() throws Exception {
    Path file = Cli.write(dir, "v.csv", "\uFEFF1,2\n3,4\n");

    assertThat(VectorCsvReader.read(file).row(0)).containsExactly(1, 2);
  }

  @Test
  void fileWithoutFinalNewlineKeepsItsLastLine() throws Exception {
    Path file = Cli.write(dir, "v.csv", "1,2\n3,4");

    assertThat(VectorCsvReader.read(file).row(1)).containsExactly(3, 4);
  }

  @Test
  void malformedBytesAreReportedAsABadCell() throws IOException {
    Path file = dir.resolve("v.csv");
    Files.write(file, new byte[] {'1', ',', '2', '\n', '3', ',', (byte) 0xff, '\n'});

    assertThatThrownBy(() -> VectorCsvReader.read(file))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("line 2, column 2")
        .hasMessageContaining("is not a number");
  }

  @Test
  void longCellsAreShortenedInTheMessage() throws IOException {
    String junk = "x".repeat(500);
    Path file = Cli.write(dir, "v.csv", "1\n" + junk + "\n");

    assertThatThrownBy(() -> VectorCsvReader.read(file))
        .hasMessageContaining("line 2, column 1")
        .hasMessageContaining("x".repeat(40) + "...\"")
        .hasMessageNotContaining("x".repeat(41));
  }
}
