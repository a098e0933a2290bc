package io.isowatch.evaluation.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccuracyTest {
  @TempDir Path dir;

  @Test
  void maseDividesTheErrorByTheInSampleSeasonalNaiveError() {
    // period 2: in-sample seasonal differences |3-1|, |2-2|, |5-3| -> scale 4/3
    double[] train = {1, 2, 3, 2, 5};
    double[] truth = {4, 4};
    double[] forecast = {5, 2};

    assertThat(Accuracy.mase(forecast, truth, train, 2))
        .isCloseTo((1 + 2) / 2.0 / (4 / 3.0), within(1e-12));
  }

  @Test
  void theGeometricMeanLeavesOutUndefinedRatios() {
    assertThat(Accuracy.geometricMean(List.of(2.0, 0.5, 4.0, Double.NaN, 0.0)))
        .isCloseTo(Math.cbrt(4.0), within(1e-12));
    assertThat(Accuracy.geometricMean(List.of(Double.POSITIVE_INFINITY))).isNaN();
  }

  @Test
  void meanAbsoluteErrorCoversTheFirstSteps() {
    double[][] forecasts = {{1, 1, 1}, {0, 0, 0}};
    double[][] truths = {{2, 5, 9}, {1, -1, 7}};

    assertThat(Accuracy.meanAbsoluteError(forecasts, truths, 1)).isEqualTo(1.0);
    assertThat(Accuracy.meanAbsoluteError(forecasts, truths, 2)).isEqualTo((1 + 4 + 1 + 1) / 4.0);
  }

  @Test
  void readsM4RowsOfDifferentLengthsAndPairsThemWithTheirTestValues() throws IOException {
    StringBuilder train = new StringBuilder("\"V1\",\"V2\",\"V3\",\"V4\"\n");
    train.append("\"H2\",\"1\",\"2\",\"3\"\n\"H4\",\"7\",\"8\",\"\"\n");
    StringBuilder test = new StringBuilder("\"V1\"");
    for (int j = 0; j < M4Hourly.HORIZON; j++) {
      test.append(",\"V").append(j + 2).append('"');
    }
    test.append('\n');
    for (String id : new String[] {"H2", "H4"}) {
      test.append('"').append(id).append('"');
      for (int j = 0; j < M4Hourly.HORIZON; j++) {
        test.append(",\"").append(j).append('"');
      }
      test.append('\n');
    }
    Files.writeString(dir.resolve("Hourly-train.csv"), train);
    Files.writeString(dir.resolve("Hourly-test.csv"), test);

    List<M4Hourly.Series> series = M4Hourly.read(dir);

    assertThat(series).extracting(M4Hourly.Series::id).containsExactly("H2", "H4");
    assertThat(series.get(0).train()).containsExactly(1, 2, 3);
    assertThat(series.get(1).train()).containsExactly(7, 8);
    assertThat(series.get(1).test()).hasSize(M4Hourly.HORIZON).startsWith(0, 1, 2);
    assertThatThrownBy(() -> M4Hourly.read(dir.resolve("absent")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Hourly-train.csv");
  }
}
