package io.isowatch.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A history's bytes sit inside the scorer's and policy's; their fixtures hold released ones. */
class ConformalHistoryCodecTest {
  private static byte[] written(ConformalHistory history) {
    SnapshotWriter out = SnapshotWriter.start("test", 1);
    ConformalHistoryCodec.write(out, history);
    return out.toByteArray();
  }

  private static void read(byte[] bytes, ConformalHistory into) {
    SnapshotReader in = SnapshotReader.open(bytes, "test", 1);
    ConformalHistoryCodec.read(in, into);
    in.finish();
  }

  @Test
  void aReadHistoryJudgesAndAdmitsLikeTheOriginal() {
    ConformalHistory original = new ConformalHistory(16, 3);
    SplittableRandom random = new SplittableRandom(5);
    for (int k = 0; k < 21; k++) { // wrapped, with the delay ring full
      original.add(random.nextGaussian());
    }
    ConformalHistory copy = new ConformalHistory(16, 3);
    read(written(original), copy);

    for (int k = 0; k < 20; k++) {
      double score = random.nextGaussian();
      assertThat(copy.pValue(score)).isEqualTo(original.pValue(score));
      assertThat(copy.pValueAtMost(score)).isEqualTo(original.pValueAtMost(score));
      assertThat(copy.added()).isEqualTo(original.added());
      copy.add(score);
      original.add(score);
    }
    assertThat(copy.median()).isEqualTo(original.median());
  }

  @Test
  void aHistoryOfOtherSettingsIsRefusedWithAdvice() {
    byte[] bytes = written(new ConformalHistory(16, 3));

    assertThatThrownBy(() -> read(bytes, new ConformalHistory(32, 3)))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "score history of 16 (+3 delayed) does not match the settings' 32 (+3);"
                + " restore with the settings it was written with");
  }
}
