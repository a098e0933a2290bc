package io.isowatch.evaluation.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowedF1Test {

  @Test
  void alarmsAtTheWindowEdgesCountAndJustOutsideAreFalse() {
    int w = WindowedF1.HALF_WIDTH;

    WindowedF1 edges = WindowedF1.of(List.of(100, 400), new int[] {100 - w, 400 + w});
    WindowedF1 outside = WindowedF1.of(List.of(100), new int[] {100 - w - 1, 100 + w + 1});

    assertThat(edges).isEqualTo(new WindowedF1(2, 0, 0));
    assertThat(outside).isEqualTo(new WindowedF1(0, 2, 1));
  }

  @Test
  void furtherAlarmsInADetectedWindowAreIgnored() {
    WindowedF1 score = WindowedF1.of(List.of(100), new int[] {95, 100, 110});

    assertThat(score).isEqualTo(new WindowedF1(1, 0, 0));
    assertThat(score.f1()).isEqualTo(1.0);
  }

  @Test
  void countsAddUpOverSeriesBeforeTheF1() {
    WindowedF1 total =
        WindowedF1.of(List.of(100), new int[] {100, 500})
            .plus(WindowedF1.of(List.of(300), new int[0]));

    assertThat(total).isEqualTo(new WindowedF1(1, 1, 1));
    assertThat(total.f1()).isEqualTo(2.0 / 4);
    assertThat(total.precision()).isEqualTo(0.5);
    assertThat(total.recall()).isEqualTo(0.5);
  }
}
