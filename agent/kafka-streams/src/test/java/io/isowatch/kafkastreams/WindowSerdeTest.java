package io.isowatch.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.feed.Window;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The pending-window store's bytes: the released format's file ({@code
 * snapshots/pending-window-v1.bin}, written by the code of its release for the window below) must
 * be what today's code writes and must read back as that window. {@code
 * -Dsnapshots.regenerate=true} writes a missing file (core's snapshots README says when).
 */
class WindowSerdeTest {
  private static final String FILE = "pending-window-v" + WindowSerde.VERSION + ".bin";

  private static final Window WINDOW =
      new Window(
          "plant/boiler-7",
          41,
          Instant.parse("2024-03-01T10:00:00.123456789Z"),
          Instant.parse("2024-03-01T10:03:10Z"),
          new double[] {1.5, -2.25, Double.MIN_VALUE, 1e300, 0.0, -0.0, 42});

  @Test
  void todaysCodeWritesTheStoredBytesAndReadsThemBack() throws IOException {
    byte[] written = WindowSerde.toBytes(WINDOW);
    if (Boolean.getBoolean("snapshots.regenerate") && stored() == null) {
      Files.write(Path.of("src", "test", "resources", "snapshots", FILE), written);
    }
    byte[] stored = stored();
    assertThat(stored).as("fixture " + FILE).isNotNull().isEqualTo(written);

    Window read = WindowSerde.fromBytes(stored);

    assertThat(read.feedId()).isEqualTo(WINDOW.feedId());
    assertThat(read.sequence()).isEqualTo(WINDOW.sequence());
    assertThat(read.firstEventTime()).isEqualTo(WINDOW.firstEventTime());
    assertThat(read.lastEventTime()).isEqualTo(WINDOW.lastEventTime());
    assertThat(read.values()).containsExactly(WINDOW.values());
  }

  @Test
  void aNewerFormatOrAnotherKindIsRefused() {
    byte[] newer = SnapshotWriter.start(WindowSerde.KIND, WindowSerde.VERSION + 1).toByteArray();
    byte[] other = SnapshotWriter.start("feed-monitor", 5).toByteArray();

    assertThatThrownBy(() -> WindowSerde.fromBytes(newer))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("format version " + (WindowSerde.VERSION + 1));
    assertThatThrownBy(() -> WindowSerde.fromBytes(other))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("expected 'pending-window'");
  }

  private static byte[] stored() throws IOException {
    try (InputStream in = WindowSerdeTest.class.getResourceAsStream("/snapshots/" + FILE)) {
      return in == null ? null : in.readAllBytes();
    }
  }
}
