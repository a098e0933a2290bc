package io.isowatch.core.realized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.feed.ReleasedValue;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The ring's bytes sit inside the realized-error snapshot; its fixture holds released ones. */
class RecentActualsCodecTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  /** Value {@code i}, a minute apart and irregular, the fourth after a gap. */
  private static ReleasedValue released(int i) {
    return new ReleasedValue(T0.plusSeconds(60L * i).plusNanos(i), (i * 7) % 5 + 0.5 * i, i == 3);
  }

  private static RecentActuals read(byte[] bytes) {
    SnapshotReader in = SnapshotReader.open(bytes, "test", 1);
    RecentActuals ring = RecentActualsCodec.read(in);
    in.finish();
    return ring;
  }

  @Test
  void aReadRingHoldsAndScalesLikeTheOriginal() {
    RecentActuals original = new RecentActuals(5);
    for (int i = 0; i < 7; i++) { // wrapped
      original.add(released(i));
    }
    SnapshotWriter out = SnapshotWriter.start("test", 1);
    RecentActualsCodec.write(out, original);
    RecentActuals copy = read(out.toByteArray());

    // one more value: its scale depends on the values held and those since the gap
    original.add(released(7));
    copy.add(released(7));
    assertThat(copy.size()).isEqualTo(original.size()).isEqualTo(5);
    for (int i = 0; i < original.size(); i++) {
      assertThat(copy.time(i)).isEqualTo(original.time(i));
      assertThat(copy.value(i)).isEqualTo(original.value(i));
      assertThat(copy.scale(i)).isEqualTo(original.scale(i));
      assertThat(copy.afterGap(i)).isEqualTo(original.afterGap(i));
    }
  }

  @Test
  void aRingHoldingMoreThanItsCapacityIsRefused() {
    SnapshotWriter out = SnapshotWriter.start("test", 1).writeInt(4).writeInt(5).writeInt(0);

    assertThatThrownBy(() -> read(out.writeInt(0).toByteArray()))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage("realized-error snapshot has a bad actuals ring");
  }
}
