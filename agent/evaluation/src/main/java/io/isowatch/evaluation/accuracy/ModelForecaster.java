package io.isowatch.evaluation.accuracy;

import io.isowatch.core.embed.Embedder;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Window;
import io.isowatch.core.predict.Prediction;
import io.isowatch.core.predict.SoftmaxSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-step forecasts from a model's own next-value distribution: a value drawn from it as the
 * {@link RollOut} says (its median by default) is appended to the context and the model asked
 * again, {@code horizon} times. Every trajectory of every history of a call shares each step's
 * batches.
 */
public final class ModelForecaster implements MultiStepForecaster {
  private final Embedder embedder;
  private final WindowEncoder encoder;
  private final SoftmaxSource source;
  private final int context;
  private final int batch;
  private final RollOut rollOut;

  /** Rolls out the median. */
  public ModelForecaster(
      Embedder embedder, WindowEncoder encoder, SoftmaxSource source, int context, int batch) {
    this(embedder, encoder, source, context, batch, new RollOut.Median());
  }

  /**
   * @param context the most values the model sees (the newest)
   * @param batch windows per embedding call
   * @param rollOut which value of each step's distribution the next step reads
   */
  public ModelForecaster(
      Embedder embedder,
      WindowEncoder encoder,
      SoftmaxSource source,
      int context,
      int batch,
      RollOut rollOut) {
    if (context < 1 || batch < 1) {
      throw new IllegalArgumentException("context and batch must be at least 1");
    }
    this.embedder = embedder;
    this.encoder = encoder;
    this.source = source;
    this.context = context;
    this.batch = batch;
    this.rollOut = rollOut;
  }

  /** The point forecasts of the {@code horizon} values after each history. */
  @Override
  public double[][] forecast(List<double[]> histories, int horizon) {
    int paths = rollOut.paths();
    double[][] trajectories = trajectories(histories, horizon);
    double[][] forecasts = new double[histories.size()][horizon];
    double[] step = new double[paths];
    for (int i = 0; i < forecasts.length; i++) {
      for (int h = 0; h < horizon; h++) {
        for (int k = 0; k < paths; k++) {
          step[k] = trajectories[i * paths + k][h];
        }
        forecasts[i][h] = rollOut.point(step);
      }
    }
    return forecasts;
  }

  /** Row {@code i * paths + k}: trajectory k of history i. */
  private double[][] trajectories(List<double[]> histories, int horizon) {
    int paths = rollOut.paths();
    int n = histories.size() * paths;
    double[][] trajectories = new double[n][horizon];
    List<double[]> contexts = new ArrayList<>(n);
    for (double[] history : histories) {
      double[] newest = MultiStepForecaster.newest(history, context);
      for (int k = 0; k < paths; k++) {
        contexts.add(newest);
      }
    }
    for (int step = 0; step < horizon; step++) {
      for (int from = 0; from < n; from += batch) {
        int to = Math.min(n, from + batch);
        List<EncodedWindow> encoded = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
          encoded.add(encoder.encode(contexts.get(i)));
        }
        List<Embedding> embeddings = embedder.embed(encoded);
        for (int i = from; i < to; i++) {
          double[] values = contexts.get(i);
          Window window = new Window("forecast", i, Instant.EPOCH, Instant.EPOCH, values);
          Prediction prediction =
              source
                  .predict(window, embeddings.get(i - from))
                  .orElseThrow(() -> new IllegalStateException("the model gave no prediction"));
          double next = rollOut.next(prediction);
          trajectories[i][step] = next;
          contexts.set(i, shifted(values, next));
        }
      }
    }
    return trajectories;
  }

  /** The context with {@code next} appended, the oldest value dropped once it is full. */
  private double[] shifted(double[] values, double next) {
    int keep = Math.min(values.length, context - 1);
    double[] out = new double[keep + 1];
    System.arraycopy(values, values.length - keep, out, 0, keep);
    out[keep] = next;
    return out;
  }
}
