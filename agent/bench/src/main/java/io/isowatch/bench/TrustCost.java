package io.isowatch.bench;

import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.core.realized.RealizedError;
import io.isowatch.core.risk.RawView;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.risk.SignalVector;
import io.isowatch.core.risk.SignalVectorBuilder;
import io.isowatch.core.trust.TrustPolicy;
import io.isowatch.core.trust.TrustReading;
import io.isowatch.core.trust.TrustScorer;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.model.embed.NumericLanguageModel;
import io.isowatch.model.embed.OnnxEmbedder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the trust computation costs beside the model that feeds it (issue 15's budget: under 5% of
 * the embedding time per window), with the bundled numeric LM, the fastest model the agent ships.
 *
 * <p>The trust computation is everything between the monitor's signals and its alerts: the raw
 * channels ({@link SignalVectorBuilder#observe}, once per value), the signal vector ({@link
 * SignalVectorBuilder#vector}), the risk model and its conformal p-values ({@link
 * TrustScorer#evaluate}) and the alert rules ({@link TrustPolicy#judge}). A first pass embeds and
 * judges every window with real monitors (one evaluation a window, the most frequent setting) and
 * keeps each evaluation's signals; after unmeasured warm-up rounds, each round times, in a rotating
 * order, (a) the numeric LM embedding the same encoded batches and (b) fresh trust components
 * replaying the same values and signals. The ratio is taken within a round; the median (min-max)
 * over rounds is printed with the load average.
 *
 * <pre>
 *   java -cp agent/bench/target/benchmarks.jar io.isowatch.bench.TrustCost [--rounds N]
 *       [--warm-up N] [--feeds N] [--length N]
 * </pre>
 */
public final class TrustCost {
  private static final int THREADS = NumericLmThroughput.THREADS;
  private static final int BATCH = 32;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  /** One evaluation of one feed: when, with which signals, and the realized error then. */
  private record Evaluation(Map<String, Double> signals, Optional<RealizedError> error) {}

  private TrustCost() {}

  public static void main(String[] args) throws Exception {
    int rounds = 5;
    int warmUp = 3;
    int feeds = SyntheticFeed.DEFAULT_FEEDS;
    long length = 800;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
        case "--feeds" -> feeds = Integer.parseInt(args[++i]);
        case "--length" -> length = Long.parseLong(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; use --rounds N, --warm-up N, --feeds N, --length N");
      }
    }
    MonitorSettings settings =
        MonitorSettings.defaults().toBuilder()
            .width(NumericLanguageModel.WIDTH)
            .evaluateEvery(1)
            .maxEmbeddingLag(MonitorSettings.embeddingLagFor(BATCH))
            .build();
    List<Observation> observations = observations(feeds, length);
    try (OnnxEmbedder lm = NumericLmThroughput.numericLm()) {
      var sources = NumericLanguageModel.logitsSource().forEveryFeed();
      Map<String, FeedMonitor> monitors = new LinkedHashMap<>();
      List<Window> windows = new ArrayList<>();
      for (Observation observation : observations) {
        windows.addAll(
            monitors
                .computeIfAbsent(
                    observation.feedId(), id -> FeedMonitor.create(id, settings, sources))
                .accept(observation)
                .windows());
      }
      List<List<EncodedWindow>> batches = new ArrayList<>();
      for (int from = 0; from < windows.size(); from += BATCH) {
        List<EncodedWindow> batch = new ArrayList<>();
        for (Window window : windows.subList(from, Math.min(windows.size(), from + BATCH))) {
          batch.add(NumericLanguageModel.encoder().encode(window.values()));
        }
        batches.add(batch);
      }
      // The first pass: real verdicts, whose signals the trust replay takes as they were.
      Map<String, Map<Instant, Evaluation>> evaluations = new HashMap<>();
      int evaluated = 0;
      for (int b = 0; b < batches.size(); b++) {
        List<Embedding> embeddings = lm.embed(batches.get(b));
        for (int k = 0; k < embeddings.size(); k++) {
          Window window = windows.get(b * BATCH + k);
          WindowVerdict verdict =
              monitors.get(window.feedId()).onEmbedded(window, embeddings.get(k));
          if (verdict.trust().isPresent()) {
            evaluations
                .computeIfAbsent(window.feedId(), id -> new HashMap<>())
                .put(
                    window.lastEventTime(),
                    new Evaluation(
                        MonitorSignal.judgedByLabel(verdict.signals()), verdict.realizedError()));
            evaluated++;
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "trust cost: %d feeds x %d values, %d windows of %d (stride %d), %d evaluations, numeric"
              + " LM, batches of %d, %d intra-op threads; load average %s%n",
          feeds,
          length,
          windows.size(),
          settings.window().length(),
          settings.window().stride(),
          evaluated,
          BATCH,
          THREADS,
          loadAverage());
      RiskModel model = RiskModel.bundled();
      // Unmeasured rounds first, so that both loops are compiled before either is timed.
      for (int round = 0; round < warmUp; round++) {
        for (List<EncodedWindow> batch : batches) {
          lm.embed(batch);
        }
        replay(observations, evaluations, settings.trust(), model);
      }
      double[] ratios = new double[rounds];
      double[] embedMicros = new double[rounds];
      double[] trustMicros = new double[rounds];
      double[] trustCpu = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        long embedNanos = 0;
        long trustNanos = 0;
        for (int turn = 0; turn < 2; turn++) {
          boolean embedFirst = round % 2 == 0;
          long start = System.nanoTime();
          if ((turn == 0) == embedFirst) {
            for (List<EncodedWindow> batch : batches) {
              lm.embed(batch);
            }
            embedNanos = System.nanoTime() - start;
          } else {
            long cpuStart = CPU.getCurrentThreadCpuTime();
            int replayed = replay(observations, evaluations, settings.trust(), model);
            trustNanos = System.nanoTime() - start;
            trustCpu[round] = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e3 / evaluated;
            if (replayed != evaluated) {
              throw new IllegalStateException(
                  "the replay judged " + replayed + " evaluations, the monitors " + evaluated);
            }
          }
        }
        embedMicros[round] = embedNanos / 1e3 / windows.size();
        trustMicros[round] = trustNanos / 1e3 / evaluated;
        ratios[round] = trustMicros[round] / embedMicros[round];
        System.out.printf(
            Locale.ROOT,
            "round %d: embedding %.1f us a window, trust %.1f us an evaluation (%.1f us of CPU):"
                + " %.1f%%%n",
            round + 1,
            embedMicros[round],
            trustMicros[round],
            trustCpu[round],
            100 * ratios[round]);
      }
      System.out.printf(
          Locale.ROOT,
          "trust / embedding at one evaluation a window: %s%% (median, min-max over %d rounds);"
              + " load average %s%n",
          summary(ratios, 100),
          rounds,
          loadAverage());
      System.out.printf(
          Locale.ROOT,
          "trust computation, CPU time of its thread: %s us an evaluation (median, min-max)%n",
          summary(trustCpu, 1));
    }
  }

  /** Runs fresh trust components over every feed's values and evaluations; returns how many. */
  private static int replay(
      List<Observation> observations,
      Map<String, Map<Instant, Evaluation>> evaluations,
      TrustSettings trust,
      RiskModel model) {
    Map<String, SignalVectorBuilder> builders = new HashMap<>();
    Map<String, TrustScorer> scorers = new HashMap<>();
    Map<String, TrustPolicy> policies = new HashMap<>();
    Map<String, Instant> since = new HashMap<>();
    int judged = 0;
    for (Observation observation : observations) {
      String feed = observation.feedId();
      SignalVectorBuilder builder = builders.computeIfAbsent(feed, id -> new SignalVectorBuilder());
      builder.add(observation.value());
      since.putIfAbsent(feed, observation.eventTime());
      Evaluation evaluation = evaluations.getOrDefault(feed, Map.of()).get(observation.eventTime());
      if (evaluation == null) {
        continue;
      }
      RawView view = builder.view();
      SignalVector vector = builder.vector(view, evaluation.signals());
      TrustReading reading =
          scorers
              .computeIfAbsent(feed, id -> new TrustScorer(trust, model))
              .evaluate(vector, view.peakValueZ());
      policies
          .computeIfAbsent(feed, id -> new TrustPolicy(id, trust, Clock.systemUTC()))
          .judge(since.remove(feed), observation.eventTime(), reading, evaluation.error(), 0);
      judged++;
    }
    return judged;
  }

  private static List<Observation> observations(int feeds, long length)
      throws InterruptedException {
    return SyntheticFeed.builder().feeds(feeds).length(length).build().observations();
  }

  private static String summary(double[] values, double scale) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "%.1f (%.1f-%.1f)",
        scale * sorted[sorted.length / 2],
        scale * sorted[0],
        scale * sorted[sorted.length - 1]);
  }

  private static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
  }
}
