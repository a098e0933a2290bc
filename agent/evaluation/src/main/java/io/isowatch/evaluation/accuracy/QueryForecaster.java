package io.isowatch.evaluation.accuracy;

import io.isowatch.core.embed.Embedder;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.encode.ForecastQueries;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Window;
import io.isowatch.core.predict.SoftmaxSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-step forecasts with no roll-out: the value h steps after a history is the median of the
 * distribution the model gives when its context is followed by h - 1 {@link ForecastQueries}.
 * Nothing the model says is fed back, so an early error cannot carry into later steps; the price is
 * one pass per step, each up to {@code horizon - 1} tokens longer than the context.
 */
public final class QueryForecaster implements MultiStepForecaster {
  private final Embedder embedder;
  private final WindowEncoder encoder;
  private final SoftmaxSource source;
  private final ForecastQueries queries;
  private final int context;
  private final int batch;

  /**
   * @param embedder runs the model; it must accept {@code context + queries.maxSteps() - 1} tokens
   * @param encoder the model's encoder (reading at most {@code context} values)
   * @param source reads a value's distribution off the model's logits, scaled as the context
   * @param context the most values the model sees (the newest)
   * @param batch windows per embedding call
   */
  public QueryForecaster(
      Embedder embedder,
      WindowEncoder encoder,
      SoftmaxSource source,
      ForecastQueries queries,
      int context,
      int batch) {
    if (context < 1 || batch < 1) {
      throw new IllegalArgumentException("context and batch must be at least 1");
    }
    this.embedder = embedder;
    this.encoder = encoder;
    this.source = source;
    this.queries = queries;
    this.context = context;
    this.batch = batch;
  }

  /**
   * @throws IllegalArgumentException if {@code horizon} is beyond what the queries were trained for
   */
  @Override
  public double[][] forecast(List<double[]> histories, int horizon) {
    if (horizon < 1 || horizon > queries.maxSteps()) {
      throw new IllegalArgumentException(
          "the model's queries answer 1 to " + queries.maxSteps() + " steps, not " + horizon);
    }
    // each context is cut, encoded and wrapped once; only the number of queries changes by step
    List<Window> windows = new ArrayList<>(histories.size());
    List<EncodedWindow> encoded = new ArrayList<>(histories.size());
    for (double[] history : histories) {
      double[] newest = MultiStepForecaster.newest(history, context);
      windows.add(new Window("forecast", windows.size(), Instant.EPOCH, Instant.EPOCH, newest));
      encoded.add(encoder.encode(newest));
    }
    double[][] forecasts = new double[histories.size()][horizon];
    for (int step = 1; step <= horizon; step++) {
      for (int from = 0; from < windows.size(); from += batch) {
        int to = Math.min(windows.size(), from + batch);
        List<EncodedWindow> asked = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
          asked.add(queries.ask(encoded.get(i), step));
        }
        List<Embedding> answers = embedder.embed(asked);
        for (int i = from; i < to; i++) {
          forecasts[i][step - 1] =
              source
                  .predict(windows.get(i), answers.get(i - from))
                  .orElseThrow(() -> new IllegalStateException("the model gave no prediction"))
                  .median();
        }
      }
    }
    return forecasts;
  }
}
