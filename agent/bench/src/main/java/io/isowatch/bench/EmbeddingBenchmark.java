package io.isowatch.bench;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.model.embed.OnnxEmbedder;
import io.isowatch.model.encode.NumberFormat;
import io.isowatch.model.encode.TextSerializationEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Windows per second of the bundled model for each way of writing numbers: windows of {@value
 * #WINDOW} values of a seeded feed ({@link SyntheticSeries}), encoded as text and embedded in
 * batches of {@value #BATCH}, with two intra-op threads (this machine's two cores). One invocation
 * is one batch, scored per window ({@link OperationsPerInvocation}); the encoding is part of it, as
 * in the agent. {@link #encodeBatch} measures the encoding alone.
 *
 * <p>Tokens per window do not depend on the machine: {@link #main} prints them for every format and
 * separator without running the model, and the trial setup prints them for its format.
 *
 * <pre>
 *   java -jar agent/bench/target/benchmarks.jar EmbeddingBenchmark
 *   java -cp agent/bench/target/benchmarks.jar io.isowatch.bench.EmbeddingBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class EmbeddingBenchmark {
  static final int WINDOW = 64;
  static final int BATCH = 32;

  /** Batches cycled through: different windows every invocation, none generated while timed. */
  static final int BATCHES = 8;

  /** A new window every 16 steps, so neighbouring windows overlap as in a sliding feed. */
  static final int STRIDE = 16;

  /** The windows of every batch, the same for every format and model. */
  static double[][][] batches() {
    double[][] windows =
        SyntheticSeries.windows(BATCHES * BATCH, WINDOW, STRIDE, SyntheticSeries.SEED);
    double[][][] batches = new double[BATCHES][BATCH][];
    for (int b = 0; b < BATCHES; b++) {
      System.arraycopy(windows, b * BATCH, batches[b], 0, BATCH);
    }
    return batches;
  }

  static TextSerializationEncoder encoder(NumberFormat format, String separator, int maxTokens) {
    return TextSerializationEncoder.builder()
        .tokenizer(BundledModels.INT8.manifest().tokenizer())
        .maxTokens(maxTokens)
        .numberFormat(format)
        .separator(separator)
        .build();
  }

  /**
   * What a window costs in tokens with this format and separator: the tokens its whole text needs,
   * and what the model gets after windows over the limit drop their oldest values (mean, min, max),
   * with the share of windows truncated and the mean padded length of a batch.
   */
  static String tokenStats(NumberFormat format, String separator, double[][][] batches) {
    long needed = 0;
    long tokens = 0;
    long padded = 0;
    int truncated = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    try (TextSerializationEncoder limited = encoder(format, separator, BundledModels.MAX_TOKENS);
        TextSerializationEncoder unlimited = encoder(format, separator, Integer.MAX_VALUE)) {
      for (double[][] batch : batches) {
        int longest = 0;
        for (double[] window : batch) {
          int whole = unlimited.encode(window).length();
          int length = limited.encode(window).length();
          needed += whole;
          tokens += length;
          truncated += whole > length ? 1 : 0;
          min = Math.min(min, length);
          max = Math.max(max, length);
          longest = Math.max(longest, length);
        }
        padded += longest;
      }
    }
    int windows = batches.length * batches[0].length;
    return String.format(
        Locale.ROOT,
        "needs %.1f tokens a window (%.2f a value); gets %.1f (min %d, max %d), %d%% of windows"
            + " truncated to %d; batches padded to %.1f",
        (double) needed / windows,
        (double) (needed - 2L * windows) / windows / WINDOW,
        (double) tokens / windows,
        min,
        max,
        Math.round(100.0 * truncated / windows),
        BundledModels.MAX_TOKENS,
        (double) padded / batches.length);
  }

  /** Encoding and embedding, per format and model variant. */
  @State(Scope.Thread)
  public static class Pipeline {
    @Param({"INTEGER", "DECIMAL", "DIGITS"})
    public NumberFormat format;

    @Param({"FP32", "INT8"})
    public BundledModels model;

    @Param({"2"})
    public int threads;

    TextSerializationEncoder encoder;
    OnnxEmbedder embedder;
    double[][][] batches;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      batches = batches();
      encoder =
          encoder(format, TextSerializationEncoder.DEFAULT_SEPARATOR, BundledModels.MAX_TOKENS);
      embedder = OnnxEmbedder.builder().manifest(model.manifest()).intraOpThreads(threads).build();
      System.out.println();
      System.out.println(
          format
              + " "
              + model
              + ": "
              + tokenStats(format, TextSerializationEncoder.DEFAULT_SEPARATOR, batches));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      embedder.close();
      encoder.close();
    }

    double[][] nextBatch() {
      double[][] batch = batches[next];
      next = (next + 1) % batches.length;
      return batch;
    }
  }

  /** Encoding alone, per format. */
  @State(Scope.Thread)
  public static class Encoding {
    @Param({"INTEGER", "DECIMAL", "DIGITS"})
    public NumberFormat format;

    TextSerializationEncoder encoder;
    double[][][] batches;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      batches = batches();
      encoder =
          encoder(format, TextSerializationEncoder.DEFAULT_SEPARATOR, BundledModels.MAX_TOKENS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      encoder.close();
    }
  }

  /** One batch of 32 windows encoded and embedded; the score is windows/s. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Warmup(iterations = 1, time = 5)
  @Measurement(iterations = 3, time = 6)
  public List<Embedding> encodeAndEmbedBatch(Pipeline state) {
    double[][] batch = state.nextBatch();
    List<EncodedWindow> encoded = new ArrayList<>(batch.length);
    for (double[] window : batch) {
      encoded.add(state.encoder.encode(window));
    }
    return state.embedder.embed(encoded);
  }

  /** One batch of 32 windows encoded (scaled, written, tokenized); the score is windows/s. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Warmup(iterations = 1, time = 2)
  @Measurement(iterations = 3, time = 2)
  public List<EncodedWindow> encodeBatch(Encoding state) {
    double[][] batch = state.batches[state.next];
    state.next = (state.next + 1) % state.batches.length;
    List<EncodedWindow> encoded = new ArrayList<>(batch.length);
    for (double[] window : batch) {
      encoded.add(state.encoder.encode(window));
    }
    return encoded;
  }

  /** Prints the tokens a window costs for every format and separator; no model is run. */
  public static void main(String[] args) {
    double[][][] batches = batches();
    System.out.println(
        "windows of "
            + WINDOW
            + " values, "
            + batches.length * BATCH
            + " windows, batches of "
            + BATCH);
    for (NumberFormat format : NumberFormat.values()) {
      for (String separator : new String[] {", ", " , ", ","}) {
        System.out.printf(
            Locale.ROOT,
            "%-8s separator \"%s\": %s%n",
            format,
            separator,
            tokenStats(format, separator, batches));
      }
      try (TextSerializationEncoder encoder = encoder(format, ", ", BundledModels.MAX_TOKENS)) {
        System.out.println("  e.g. " + encoder.text(batches[0][0]).substring(0, 40) + "...");
      }
    }
  }
}
