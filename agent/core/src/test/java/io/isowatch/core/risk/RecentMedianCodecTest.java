package io.isowatch.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A baseline's bytes sit inside a monitor's; the feed-monitor fixture holds released ones. */
class RecentMedianCodecTest {
  private static byte[] written(RecentMedian median) {
    SnapshotWriter out = SnapshotWriter.start("test", 1);
    RecentMedianCodec.write(out, median);
    return out.toByteArray();
  }

  private static void read(byte[] bytes, RecentMedian into) {
    SnapshotReader in = SnapshotReader.open(bytes, "test", 1);
    RecentMedianCodec.read(in, into);
    in.finish();
  }

  @Test
  void aReadBaselineScoresLikeTheOriginal() {
    RecentMedian original = new RecentMedian(12);
    SplittableRandom random = new SplittableRandom(9);
    for (int k = 0; k < 17; k++) { // wrapped
      original.add(random.nextGaussian());
    }
    RecentMedian copy = new RecentMedian(12);
    read(written(original), copy);

    for (int k = 0; k < 20; k++) {
      double value = random.nextGaussian();
      assertThat(copy.z(value)).isEqualTo(original.z(value));
      copy.add(value);
      original.add(value);
    }
    assertThat(copy.median()).isEqualTo(original.median());
  }

  @Test
  void aBaselineOfAnotherCapacityIsRefused() {
    byte[] bytes = written(new RecentMedian(12));

    assertThatThrownBy(() -> read(bytes, new RecentMedian(48)))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage("signal baseline of 12 does not match 48");
  }
}
