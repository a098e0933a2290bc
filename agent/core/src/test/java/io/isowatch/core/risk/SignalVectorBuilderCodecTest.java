package io.isowatch.core.risk;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.raw.RawValueChannelCodec;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import org.junit.jupiter.api.Test;

/**
 * A builder's bytes sit inside a monitor's (the feed-monitor fixture holds released ones; {@link
 * SignalVectorBuilderTest} checks a read builder continues identically).
 */
class SignalVectorBuilderCodecTest {
  @Test
  void aPeakRingOfAnotherLengthIsRefused() {
    // a builder's layout up to the ring, then a ring one value short
    SignalVectorBuilder builder = new SignalVectorBuilder();
    SnapshotWriter out = SnapshotWriter.start("test", 1);
    RawValueChannelCodec.write(out, builder.raw);
    RawValueChannelCodec.write(out, builder.shortRaw);
    for (RecentMedian baseline : builder.baselines) {
      RecentMedianCodec.write(out, baseline);
    }
    RecentMedianCodec.write(out, builder.agentError);
    out.writeLong(0).writeDoubles(new double[SignalVectorBuilder.PEAK_WINDOW - 1]);
    SnapshotReader in = SnapshotReader.open(out.toByteArray(), "test", 1);

    assertThatThrownBy(() -> SignalVectorBuilderCodec.read(in, new SignalVectorBuilder()))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "signal-vector snapshot holds "
                + (SignalVectorBuilder.PEAK_WINDOW - 1)
                + " recent |z|, not "
                + SignalVectorBuilder.PEAK_WINDOW);
  }
}
