package io.isowatch.evaluation.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.Window;
import io.isowatch.core.predict.Prediction;
import io.isowatch.core.predict.SoftmaxSource;
import io.isowatch.model.embed.NumericLanguageModel;
import io.isowatch.model.embed.OnnxEmbedder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
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

  private static final SoftmaxSource SOURCE = NumericLanguageModel.logitsSource();

  private static ModelForecaster forecaster(int batch) {
    return new ModelForecaster(
        embedder, NumericLanguageModel.encoder(), SOURCE, NumericLanguageModel.CONTEXT, batch);
  }

  private static ModelForecaster forecaster(int batch, RollOut rollOut) {
    return new ModelForecaster(
        embedder,
        NumericLanguageModel.encoder(),
        SOURCE,
        NumericLanguageModel.CONTEXT,
        batch,
        rollOut);
  }

  /** The model's next-value distribution after {@code history}, asked alone. */
  private static Prediction predict(double[] history) {
    double[] context =
        Arrays.copyOfRange(
            history, Math.max(0, history.length - NumericLanguageModel.CONTEXT), history.length);
    Embedding embedding =
        embedder.embed(List.of(NumericLanguageModel.encoder().encode(context))).get(0);
    return SOURCE
        .predict(new Window("forecast", 0, Instant.EPOCH, Instant.EPOCH, context), embedding)
        .orElseThrow();
  }

  private static double[] append(double[] values, double next) {
    double[] out = Arrays.copyOf(values, values.length + 1);
    out[values.length] = next;
    return out;
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
  void theMeanRollOutGoesOnFromEachStepsMean() {
    double[] history = histories().get(2);
    double[] path = forecaster(4, new RollOut.Mean()).forecast(List.of(history), 2)[0];

    double first = predict(history).mean();
    double second = predict(append(history, first)).mean();
    assertThat(path[0]).isCloseTo(first, within(1e-6 * (1 + Math.abs(first))));
    assertThat(path[1]).isCloseTo(second, within(1e-6 * (1 + Math.abs(second))));
  }

  @Test
  void sampledPathsAreDrawsFromEachStepsDistributionAndTheForecastTheirMedian() {
    double[] history = histories().get(1);
    long seed = 11;
    double[] forecast =
        forecaster(8, new RollOut.Sampled(2, seed)).forecast(List.of(history), 2)[0];

    // the same draws by hand: step by step, path by path, from one generator
    SplittableRandom random = new SplittableRandom(seed);
    Prediction first = predict(history);
    double a0 = first.quantile(random.nextDouble());
    double b0 = first.quantile(random.nextDouble());
    double a1 = predict(append(history, a0)).quantile(random.nextDouble());
    double b1 = predict(append(history, b0)).quantile(random.nextDouble());
    double step0 = (a0 + b0) / 2;
    double step1 = (a1 + b1) / 2;
    assertThat(forecast[0]).isCloseTo(step0, within(1e-6 * (1 + Math.abs(step0))));
    assertThat(forecast[1]).isCloseTo(step1, within(1e-6 * (1 + Math.abs(step1))));
  }

  @Test
  void theSameSeedGivesTheSameSampledForecastsAndAnotherSeedOthers() {
    List<double[]> histories = histories();
    double[][] once = forecaster(16, new RollOut.Sampled(5, 3)).forecast(histories, 3);
    double[][] again = forecaster(16, new RollOut.Sampled(5, 3)).forecast(histories, 3);
    double[][] other = forecaster(16, new RollOut.Sampled(5, 4)).forecast(histories, 3);

    assertThat(again).isDeepEqualTo(once);
    assertThat(Arrays.deepEquals(other, once)).as("another seed draws other paths").isFalse();
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
