package io.isowatch.bench;

import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.model.embed.OnnxEmbedder;
import io.isowatch.model.encode.NumberFormat;
import io.isowatch.model.encode.TextSerializationEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link EmbeddingBenchmark} measurement for a machine shared with other work: instead of
 * measuring one configuration after the other (so that a neighbour's build lands on whichever
 * configuration runs at the time), it takes turns, a few batches of each format x model per round,
 * in a rotating order, and reports the median over rounds with the range. Both models stay loaded
 * throughout.
 *
 * <pre>
 *   java -cp agent/bench/target/benchmarks.jar io.isowatch.bench.EmbeddingThroughput [rounds] [batches]
 * </pre>
 */
public final class EmbeddingThroughput {
  private static final int DEFAULT_ROUNDS = 4;
  private static final int DEFAULT_BATCHES_PER_TURN = 2;
  private static final int THREADS = 2;

  private EmbeddingThroughput() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
    int batchesPerTurn = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_BATCHES_PER_TURN;
    double[][][] batches = EmbeddingBenchmark.batches();
    Map<NumberFormat, TextSerializationEncoder> encoders = new EnumMap<>(NumberFormat.class);
    Map<BundledModels, OnnxEmbedder> embedders = new EnumMap<>(BundledModels.class);
    try {
      for (NumberFormat format : NumberFormat.values()) {
        encoders.put(
            format,
            EmbeddingBenchmark.encoder(
                format, TextSerializationEncoder.DEFAULT_SEPARATOR, BundledModels.MAX_TOKENS));
      }
      for (BundledModels model : BundledModels.values()) {
        embedders.put(
            model,
            OnnxEmbedder.builder().manifest(model.manifest()).intraOpThreads(THREADS).build());
      }
      List<Turn> turns = new ArrayList<>();
      for (BundledModels model : BundledModels.values()) {
        for (NumberFormat format : NumberFormat.values()) {
          turns.add(new Turn(format, model, rounds));
        }
      }
      int next = 0;
      for (Turn turn : turns) { // warm-up: one batch each, not recorded
        turn.run(encoders, embedders, batches[next++ % batches.length]);
      }
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < turns.size(); k++) {
          Turn turn = turns.get((k + round) % turns.size());
          long start = System.nanoTime();
          int windows = 0;
          for (int b = 0; b < batchesPerTurn; b++) {
            windows += turn.run(encoders, embedders, batches[next++ % batches.length]);
          }
          turn.record(round, windows / ((System.nanoTime() - start) / 1e9));
        }
        System.out.println("round " + (round + 1) + " of " + rounds + " done");
      }
      System.out.printf(
          Locale.ROOT,
          "%n%d rounds x %d batches of %d windows of %d values, %d intra-op threads%n",
          rounds,
          batchesPerTurn,
          EmbeddingBenchmark.BATCH,
          EmbeddingBenchmark.WINDOW,
          THREADS);
      System.out.println("| format | model | windows/s (median) | range over rounds |");
      System.out.println("|---|---|---:|---|");
      for (Turn turn : turns) {
        System.out.println(turn.row());
      }
    } finally {
      embedders.values().forEach(OnnxEmbedder::close);
      encoders.values().forEach(TextSerializationEncoder::close);
    }
  }

  /** One format x model, and its windows/s in each round. */
  private static final class Turn {
    private final NumberFormat format;
    private final BundledModels model;
    private final double[] rates;

    Turn(NumberFormat format, BundledModels model, int rounds) {
      this.format = format;
      this.model = model;
      this.rates = new double[rounds];
    }

    int run(
        Map<NumberFormat, TextSerializationEncoder> encoders,
        Map<BundledModels, OnnxEmbedder> embedders,
        double[][] batch) {
      List<EncodedWindow> encoded = new ArrayList<>(batch.length);
      for (double[] window : batch) {
        encoded.add(encoders.get(format).encode(window));
      }
      return embedders.get(model).embed(encoded).size();
    }

    void record(int round, double rate) {
      rates[round] = rate;
    }

    String row() {
      double[] sorted = rates.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      return String.format(
          Locale.ROOT,
          "| %s | %s | %.1f | %.1f - %.1f |",
          format,
          model,
          median,
          sorted[0],
          sorted[n - 1]);
    }
  }
}
