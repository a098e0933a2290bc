package io.isowatch.core.raw;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import org.junit.jupiter.api.Test;

/**
 * A channel's bytes sit inside a monitor's (the feed-monitor fixture holds released ones; {@link
 * RawValueChannelTest} checks a read channel continues identically).
 */
class RawValueChannelCodecTest {
  @Test
  void aChannelOfOtherWindowsIsRefusedWithAdvice() {
    RawValueChannel written = new RawValueChannel(8, 64, 32);
    for (int i = 0; i < 40; i++) {
      written.add(i % 7);
    }
    SnapshotWriter out = SnapshotWriter.start("test", 1);
    RawValueChannelCodec.write(out, written);
    SnapshotReader in = SnapshotReader.open(out.toByteArray(), "test", 1);

    assertThatThrownBy(() -> RawValueChannelCodec.read(in, new RawValueChannel(16, 256, 64)))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "raw-value channel of 65 values does not match the settings' 257;"
                + " restore with the settings it was written with");
  }
}
