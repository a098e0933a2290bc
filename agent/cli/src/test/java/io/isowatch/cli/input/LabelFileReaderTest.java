package io.isowatch.cli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.cli.Cli;
import io.isowatch.engine.spec.InputFormatException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelFileReaderTest {
  @TempDir Path dir;

  @Test
  void readsAnyIntegersSkippingBlankLines() throws Exception {
    Path file = Cli.write(dir, "l.txt", " 3 \n\n-1\r\n+7\n  \n2147483647");

    assertThat(LabelFileReader.read(file)).containsExactly(3, -1, 7, Integer.MAX_VALUE);
  }

  @Test
  void readsMoreLabelsThanTheFirstBuffer() throws Exception {
    int[] labels = new int[1000];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 7;
    }

    assertThat(LabelFileReader.read(Cli.writeLabels(dir, "l.txt", labels))).containsExactly(labels);
  }

  @Test
  void emptyFileHasNoLabels() throws Exception {
    assertThat(LabelFileReader.read(Cli.write(dir, "l.txt", ""))).isEmpty();
  }

  @Test
  void rejectsLabelsOutsideTheIntRange() throws Exception {
    Path file = Cli.write(dir, "l.txt", "1\n99999999999\n");

    assertThatThrownBy(() -> LabelFileReader.read(file))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("line 2: \"99999999999\" is not an integer label");
  }
}
