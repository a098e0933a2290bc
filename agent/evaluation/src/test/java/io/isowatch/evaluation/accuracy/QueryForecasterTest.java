package io.isowatch.evaluation.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.feed.Window;
import io.isowatch.core.predict.SoftmaxSource;
import io.isowatch.model.embed.NumericLanguageModel;
import io.isowatch.model.embed.OnnxEmbedder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The forecast queries on the bundled model's graph, declared as trained for them: properties that
 * hold whatever it has learned (and whether or not its export was trained with queries).
 */
class QueryForecasterTest {
  private static final int CONTEXT = NumericLanguageModel.CONTEXT;
  private static final int LONGEST = CONTEXT + NumericLanguageModel.QUERY_STEPS - 1;
  private static final SoftmaxSource SOURCE = NumericLanguageModel.logitsSource();
  private static OnnxEmbedder embedder;

  @BeforeAll
  static void open() {
    embedder =
        OnnxEmbedder.builder()
            .manifest(
                // declared as trained for queries whatever the bundled export's manifest.json says:
                // what is checked here holds whatever its weights
                NumericLanguageModel.manifest(NumericLanguageModel.DEFAULT_STATES, LONGEST)
                    .toBuilder()
                    .forecastQueries(NumericLanguageModel.forecastQueries())
                    .build())
            .build();
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  private static QueryForecaster forecaster(int batch) {
    return new QueryForecaster(
        embedder,
        NumericLanguageModel.encoder(),
        SOURCE,
        NumericLanguageModel.forecastQueries(),
        CONTEXT,
        batch);
  }

  private static List<double[]> histories() {
    Random random = new Random(9);
    List<double[]> histories = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      double[] values = new double[40 + 30 * s];
      for (int i = 0; i < values.length; i++) {
        values[i] = 50 * s + 10 * Math.sin(2 * Math.PI * i / 24) + random.nextGaussian();
      }
      histories.add(values);
    }
    return histories;
  }

  /** The median after the newest values and {@code queries} query ids, built here by hand. */
  private static double answer(double[] history, int queries) {
    double[] context =
        Arrays.copyOfRange(history, Math.max(0, history.length - CONTEXT), history.length);
    long[] contextIds = NumericLanguageModel.encoder().encode(context).inputIds();
    long[] ids = Arrays.copyOf(contextIds, contextIds.length + queries);
    Arrays.fill(ids, contextIds.length, ids.length, NumericLanguageModel.QUERY_TOKEN_ID);
    long[] mask = new long[ids.length];
    Arrays.fill(mask, 1);
    Embedding embedding =
        embedder.embed(List.of(new EncodedWindow(ids, mask, new long[ids.length]))).get(0);
    Window window = new Window("forecast", 0, Instant.EPOCH, Instant.EPOCH, context);
    return SOURCE.predict(window, embedding).orElseThrow().median();
  }

  @Test
  void eachStepIsTheMedianTheModelGivesWhenAskedThatFarAhead() {
    List<double[]> histories = histories();
    double[][] forecasts = forecaster(3).forecast(histories, 6);

    for (int i = 0; i < histories.size(); i++) {
      for (int step : new int[] {1, 2, 6}) {
        double expected = answer(histories.get(i), step - 1);
        assertThat(forecasts[i][step - 1])
            .as("series %d, step %d", i, step)
            .isCloseTo(expected, within(1e-6 * (1 + Math.abs(expected))));
      }
    }
  }

  @Test
  void theFirstStepIsTheRollOutsFirstStep() {
    List<double[]> histories = histories();
    try (OnnxEmbedder plain =
        OnnxEmbedder.builder().manifest(NumericLanguageModel.manifest()).build()) {
      double[][] rolled =
          new ModelForecaster(plain, NumericLanguageModel.encoder(), SOURCE, CONTEXT, 4)
              .forecast(histories, 1);
      double[][] asked = forecaster(4).forecast(histories, 1);
      for (int i = 0; i < histories.size(); i++) {
        assertThat(asked[i][0])
            .isCloseTo(rolled[i][0], within(1e-6 * (1 + Math.abs(rolled[i][0]))));
      }
    }
  }

  @Test
  void askingFurtherAheadLeavesTheNearerStepsAsTheyWere() {
    List<double[]> histories = histories();
    double[][] near = forecaster(8).forecast(histories, 3);
    double[][] far = forecaster(2).forecast(histories, 12);

    for (int i = 0; i < histories.size(); i++) {
      for (int h = 0; h < 3; h++) {
        assertThat(far[i][h]).isCloseTo(near[i][h], within(1e-6 * (1 + Math.abs(near[i][h]))));
      }
    }
  }

  @Test
  void aHorizonBeyondTheTrainedQueriesIsRefused() {
    assertThatThrownBy(
            () -> forecaster(1).forecast(histories(), NumericLanguageModel.QUERY_STEPS + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("answer 1 to " + NumericLanguageModel.QUERY_STEPS);
  }
}
