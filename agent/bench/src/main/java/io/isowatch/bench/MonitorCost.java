package io.isowatch.bench;

import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.predict.SoftmaxSources;
import io.isowatch.engine.judge.WindowJudge;
import io.isowatch.engine.report.EngineListener;
import io.isowatch.model.embed.NumericLanguageModel;
import io.isowatch.model.embed.OnnxEmbedder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitors' own Java per window with the numeric LM: the CPU time of the calling thread over
 * {@code accept} and {@code onEmbedded} of every observation and window (4 feeds x 3000
 * observations, batches of 32, as {@link VerdictIdentity}), the embeddings recorded once
 * beforehand, so no model runs while it is timed. CPU time, not wall time: on a shared machine it
 * moves much less with the load than a throughput ratio does. Each round starts fresh monitors; the
 * first half of the rounds warm the JIT up and the second half's median and range are printed; then
 * the size and CPU time of a filled monitor's snapshot.
 *
 * <pre>
 * java -cp agent/bench/target/benchmarks.jar io.isowatch.bench.MonitorCost [--rounds N]
 *     [--length N]
 * </pre>
 */
public final class MonitorCost {
  private static final int BATCH = 32;

  private MonitorCost() {}

  public static void main(String[] args) throws Exception {
    int rounds = 40;
    long length = 3000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--length" -> length = Long.parseLong(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown option " + args[i] + "; use --rounds N, --length N");
      }
    }
    if (rounds < 2) {
      throw new IllegalArgumentException("--rounds must be at least 2, got " + rounds);
    }
    MonitorSettings settings =
        MonitorSettings.defaults().toBuilder()
            .maxEmbeddingLag(MonitorSettings.embeddingLagFor(BATCH))
            .width(NumericLanguageModel.WIDTH)
            .build();
    List<Observation> observations = SyntheticFeed.builder().length(length).build().observations();
    SoftmaxSources sources = NumericLanguageModel.logitsSource().forEveryFeed();
    List<Embedding> embeddings = record(observations, settings, sources);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] millisPerWindow = new double[rounds];
    Map<String, FeedMonitor> monitors = Map.of();
    for (int round = 0; round < rounds; round++) {
      long start = threads.getCurrentThreadCpuTime();
      monitors = judge(observations, settings, sources, embeddings);
      millisPerWindow[round] =
          (threads.getCurrentThreadCpuTime() - start) / 1e6 / embeddings.size();
    }
    double[] warm = Arrays.copyOfRange(millisPerWindow, rounds / 2, rounds);
    Arrays.sort(warm);
    System.out.printf(
        "%d windows, %d rounds: monitor CPU per window %.4f ms (%.4f-%.4f) over the last %d%n",
        embeddings.size(),
        rounds,
        warm[warm.length / 2],
        warm[0],
        warm[warm.length - 1],
        warm.length);
    reportSnapshots(monitors, threads);
  }

  /**
   * What a snapshot of each filled monitor costs, the state an engine writes after each batch
   * (Kafka Streams' store and changelog, Flink's keyed state): its bytes and its CPU time, the
   * median of 20.
   */
  private static void reportSnapshots(Map<String, FeedMonitor> monitors, ThreadMXBean threads) {
    long bytes = 0;
    double[] millis = new double[20];
    for (int i = 0; i < millis.length; i++) {
      long start = threads.getCurrentThreadCpuTime();
      bytes = 0;
      for (FeedMonitor monitor : monitors.values()) {
        bytes += monitor.snapshot().length;
      }
      millis[i] = (threads.getCurrentThreadCpuTime() - start) / 1e6 / monitors.size();
    }
    Arrays.sort(millis);
    System.out.printf(
        "snapshot of a filled monitor: %.1f KB, %.3f ms CPU (median of %d, %d feeds)%n",
        bytes / 1024.0 / monitors.size(),
        millis[millis.length / 2],
        millis.length,
        monitors.size());
  }

  /** Every window's embedding, in the order the windows are judged. */
  private static List<Embedding> record(
      List<Observation> observations, MonitorSettings settings, SoftmaxSources sources)
      throws Exception {
    List<Embedding> embeddings = new ArrayList<>();
    try (OnnxEmbedder lm = NumericLmThroughput.numericLm()) {
      WindowJudge judge = new WindowJudge(NumericLanguageModel.encoder(), lm, EngineListener.NONE);
      Map<String, FeedMonitor> monitors = new HashMap<>();
      WindowJudge.Feeds<RuntimeException> feeds =
          (window, embedding) -> {
            embeddings.add(embedding);
            return monitors.get(window.feedId()).onEmbedded(window, embedding);
          };
      WindowBatches.feed(
          observations,
          monitors,
          id -> FeedMonitor.create(id, settings, sources),
          BATCH,
          batch -> judge.judge(batch, feeds));
    }
    return embeddings;
  }

  /**
   * Fresh monitors accept every observation and judge each batch of windows with its embeddings.
   */
  private static Map<String, FeedMonitor> judge(
      List<Observation> observations,
      MonitorSettings settings,
      SoftmaxSources sources,
      List<Embedding> embeddings) {
    Map<String, FeedMonitor> monitors = new HashMap<>();
    int[] next = {0};
    WindowBatches.feed(
        observations,
        monitors,
        id -> FeedMonitor.create(id, settings, sources),
        BATCH,
        batch -> {
          for (Window window : batch) {
            monitors.get(window.feedId()).onEmbedded(window, embeddings.get(next[0]++));
          }
        });
    return monitors;
  }
}
