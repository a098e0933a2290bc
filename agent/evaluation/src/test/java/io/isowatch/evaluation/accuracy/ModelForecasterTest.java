package io.isowatch.evaluation.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.model.embed.NumericLanguageModel;
import io.isowatch.model.embed.OnnxEmbedder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The roll-out on the bundled model: properties that hold whatever the model has learned. */
class ModelForecasterTest {
  private static OnnxEmbedder embedder;

  @BeforeAll
  static void open() {
    embedder = OnnxEmbedder.builder().manifest(NumericLanguageModel.manifest()).build();
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  private static ModelForecaster forecaster(int batch) {
    return new ModelForecaster(
        embedder,
        NumericLanguageModel.encoder(),
        NumericLanguageModel.manifest()
            .logitsSource(Optional.of(NumericLanguageModel.encoder().scaling())),
        NumericLanguageModel.CONTEXT,
        batch);
  }

  private static List<double[]> histories() {
    Random random = new Random(6);
    List<double[]> histories = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      double[] values = new double[50 + 20 * s];
      for (int i = 0; i < values.length; i++) {
        values[i] = 100 * s + 10 * Math.sin(i / 3.0) + random.nextGaussian();
      }
      histories.add(values);
    }
    return histories;
  }

  @Test
  void eachStepForecastsFromTheHistoryExtendedByTheMediansBeforeIt() {
    List<double[]> histories = histories();
    double[][] paths = forecaster(8).forecast(histories, 3);

    for (int i = 0; i < histories.size(); i++) {
      double[] extended = Arrays.copyOf(histories.get(i), histories.get(i).length + 2);
      extended[extended.length - 2] = paths[i][0];
      extended[extended.length - 1] = paths[i][1];
      double third = forecaster(1).forecast(List.of(extended), 1)[0][0];
      assertThat(third)
          .as("series %d", i)
          .isCloseTo(paths[i][2], within(1e-6 * (1 + Math.abs(third))));
    }
  }

  @Test
  void batchingDoesNotChangeTheForecasts() {
    List<double[]> histories = histories();

    double[][] together = forecaster(64).forecast(histories, 4);
    double[][] alone = forecaster(1).forecast(histories, 4);

    for (int i = 0; i < histories.size(); i++) {
      for (int j = 0; j < 4; j++) {
        assertThat(together[i][j])
            .isCloseTo(alone[i][j], within(1e-6 * (1 + Math.abs(alone[i][j]))));
      }
    }
  }

  @Test
  void forecastsStayInsideTheRangeTheVocabularyCanExpress() {
    // the bins reach +-10 times the mean |x| of the context: a level-100 series cannot forecast
    // beyond that, whatever the model says
    List<double[]> histories = histories();
    double[][] paths = forecaster(8).forecast(histories, 2);
    for (int i = 0; i < histories.size(); i++) {
      double[] h = histories.get(i);
      double[] context =
          Arrays.copyOfRange(h, Math.max(0, h.length - NumericLanguageModel.CONTEXT), h.length);
      double scale = NumericLanguageModel.encoder().scaling().scale(context);
      assertThat(Math.abs(paths[i][0])).isLessThanOrEqualTo(10.1 * scale);
    }
  }
}
