package io.isowatch.bench;

import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowerOutput;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.predict.SoftmaxSources;
import io.isowatch.engine.judge.OverlappingJudge;
import io.isowatch.engine.judge.WindowJudge;
import io.isowatch.engine.report.EngineListener;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.model.embed.NumericLanguageModel;
import io.isowatch.model.embed.OnnxEmbedder;
import io.isowatch.model.encode.TextSerializationEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The project's numeric LM against MiniLM int8 on the same windows (64 values every 8, batches of
 * 32, 2 intra-op threads), all measured in one process with the order rotating each round:
 *
 * <ul>
 *   <li><b>bare ONNX Runtime loop</b>: {@link BareOrtLoop}, {@code OrtSession.run} over the encoded
 *       batches with the agent's session options, asking for the same outputs, windows/s;
 *   <li><b>embedder loop</b>: {@code OnnxEmbedder.embed} over the same batches (the run plus each
 *       window's token states and last-position logits copied out), windows/s;
 *   <li><b>synchronous end to end</b>: accept every observation, encode, embed and judge each
 *       window with its feed's {@link FeedMonitor} (the numeric LM's forecasts from its own logits,
 *       MiniLM's from the online head), windows/s, and its ratio to the model's two loops;
 *   <li><b>overlapped end to end</b>: the same, judging each batch on a second thread while the
 *       next is embedded, as the embedded engine does ({@link OverlappingJudge}).
 * </ul>
 *
 * <p>Every (model, measurement) turn runs once a round, the order of the eight rotating from round
 * to round; ratios are taken within a round, then their median and range over rounds reported.
 *
 * <pre>
 * java -cp agent/bench/target/benchmarks.jar io.isowatch.bench.NumericLmThroughput [--rounds N]
 *     [--feeds N] [--length N]
 * </pre>
 */
public final class NumericLmThroughput {
  static final int THREADS = 2;
  static final int BATCH = 32;

  private NumericLmThroughput() {}

  /**
   * The bundled numeric LM on {@link #THREADS} intra-op threads, as every numeric-LM bench runs it.
   */
  static OnnxEmbedder numericLm() {
    return OnnxEmbedder.builder()
        .manifest(NumericLanguageModel.manifest())
        .intraOpThreads(THREADS)
        .build();
  }

  /** One model under test: its embedder, encoder and forecast source. */
  private record Model(
      String name, OnnxEmbedder embedder, WindowEncoder encoder, Optional<SoftmaxSources> sources) {
    /** A monitor of one feed that forecasts from this model's sources, if it has its own. */
    FeedMonitor monitor(String feedId, MonitorSettings settings) {
      return sources
          .map(own -> FeedMonitor.create(feedId, settings, own))
          .orElseGet(() -> FeedMonitor.create(feedId, settings));
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = 5;
    int feeds = SyntheticFeed.DEFAULT_FEEDS;
    long length = 800;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--feeds" -> feeds = Integer.parseInt(args[++i]);
        case "--length" -> length = Long.parseLong(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown option " + args[i] + "; use --rounds N, --feeds N, --length N");
      }
    }
    MonitorSettings settings =
        MonitorSettings.defaults().toBuilder()
            .maxEmbeddingLag(MonitorSettings.embeddingLagFor(BATCH))
            .build();
    SyntheticFeed feed = SyntheticFeed.builder().feeds(feeds).length(length).build();
    List<Observation> observations = observations(feed);
    MonitorSettings lmSettings = settings.toBuilder().width(NumericLanguageModel.WIDTH).build();
    try (OnnxEmbedder minilm =
            OnnxEmbedder.builder()
                .manifest(BundledModels.INT8.manifest())
                .intraOpThreads(THREADS)
                .build();
        OnnxEmbedder lm = numericLm();
        TextSerializationEncoder text =
            TextSerializationEncoder.builder()
                .tokenizer(BundledModels.INT8.manifest().tokenizer())
                .maxTokens(BundledModels.MAX_TOKENS)
                .build()) {
      List<Model> models =
          List.of(
              new Model("minilm-int8", minilm, text, Optional.empty()),
              new Model(
                  "numeric-lm",
                  lm,
                  NumericLanguageModel.encoder(),
                  Optional.of(NumericLanguageModel.logitsSource().forEveryFeed())));
      Map<String, BareOrtLoop> bareLoops = new LinkedHashMap<>();
      for (Model model : models) {
        bareLoops.put(model.name(), new BareOrtLoop(model.embedder().manifest(), THREADS));
      }
      List<String> kinds = List.of(ORT, EMBEDDER, END_TO_END, OVERLAPPED);
      List<Turn> turns = new ArrayList<>();
      for (Model model : models) {
        for (String kind : kinds) {
          turns.add(new Turn(model, kind));
        }
      }
      Map<String, List<Double>> rates = new LinkedHashMap<>();
      try {
        for (int round = 0; round <= rounds; round++) { // round 0 warms up
          List<Turn> order = new ArrayList<>(turns);
          java.util.Collections.rotate(order, round);
          for (Turn turn : order) {
            Model model = turn.model();
            MonitorSettings modelSettings = model.sources().isPresent() ? lmSettings : settings;
            List<Window> windows = windows(observations, modelSettings);
            List<List<EncodedWindow>> batches = batches(windows, model.encoder());
            long start = System.nanoTime();
            int done;
            switch (turn.kind()) {
              case ORT -> done = bareLoops.get(model.name()).run(batches);
              case EMBEDDER -> {
                for (List<EncodedWindow> batch : batches) {
                  model.embedder().embed(batch);
                }
                done = windows.size();
              }
              case END_TO_END -> done = runSynchronously(observations, model, modelSettings);
              default -> done = runOverlapped(observations, model, modelSettings);
            }
            double rate = done / ((System.nanoTime() - start) / 1e9);
            if (round > 0) {
              rates.computeIfAbsent(model.name() + turn.kind(), k -> new ArrayList<>()).add(rate);
            }
          }
        }
      } finally {
        for (BareOrtLoop loop : bareLoops.values()) {
          loop.close();
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%d windows a run (%s), %d rounds, median (min-max); load average %s%n",
          windows(observations, settings).size(),
          feed.describe(),
          rounds,
          loadAverage());
      for (Model model : models) {
        String name = model.name();
        System.out.printf(
            Locale.ROOT,
            "%-12s bare ONNX Runtime loop %s, embedder loop %s, end to end %s windows/s%n",
            name,
            median(rates.get(name + ORT)),
            median(rates.get(name + EMBEDDER)),
            median(rates.get(name + END_TO_END)));
        System.out.printf(
            Locale.ROOT,
            "%-12s end to end / bare ONNX Runtime loop %s, end to end / embedder loop %s%n",
            "",
            ratios(rates.get(name + END_TO_END), rates.get(name + ORT)),
            ratios(rates.get(name + END_TO_END), rates.get(name + EMBEDDER)));
        System.out.printf(
            Locale.ROOT,
            "%-12s overlapped end to end %s windows/s; / bare ONNX Runtime loop %s, / end to end %s%n",
            "",
            median(rates.get(name + OVERLAPPED)),
            ratios(rates.get(name + OVERLAPPED), rates.get(name + ORT)),
            ratios(rates.get(name + OVERLAPPED), rates.get(name + END_TO_END)));
      }
      for (String kind : kinds) {
        System.out.printf(
            Locale.ROOT,
            "numeric-lm / minilm-int8, %-22s %s%n",
            kind + ":",
            ratios(rates.get("numeric-lm" + kind), rates.get("minilm-int8" + kind)));
      }
    }
  }

  private static final String ORT = "bare ONNX Runtime loop";
  private static final String EMBEDDER = "embedder loop";
  private static final String END_TO_END = "end to end";
  private static final String OVERLAPPED = "overlapped end to end";

  /** One timed run: a model and what is timed. */
  private record Turn(Model model, String kind) {}

  /** The 1-minute load average, as the machine is shared. */
  private static String loadAverage() {
    double load =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
  }

  private static List<Observation> observations(SyntheticFeed feed) throws InterruptedException {
    return feed.observations();
  }

  private static List<Window> windows(List<Observation> observations, MonitorSettings settings) {
    Map<String, FeedMonitor> monitors = new LinkedHashMap<>();
    List<Window> windows = new ArrayList<>();
    for (Observation observation : observations) {
      WindowerOutput out =
          monitors
              .computeIfAbsent(observation.feedId(), id -> FeedMonitor.create(id, settings))
              .accept(observation);
      windows.addAll(out.windows());
    }
    return windows;
  }

  private static List<List<EncodedWindow>> batches(List<Window> windows, WindowEncoder encoder) {
    List<List<EncodedWindow>> batches = new ArrayList<>();
    for (int from = 0; from < windows.size(); from += BATCH) {
      List<EncodedWindow> batch = new ArrayList<>();
      for (Window window : windows.subList(from, Math.min(windows.size(), from + BATCH))) {
        batch.add(encoder.encode(window.values()));
      }
      batches.add(batch);
    }
    return batches;
  }

  /** Accept, encode, embed in batches and judge every window; returns the windows judged. */
  private static int runSynchronously(
      List<Observation> observations, Model model, MonitorSettings settings) {
    Map<String, FeedMonitor> monitors = new LinkedHashMap<>();
    int[] judged = {0};
    WindowBatches.feed(
        observations,
        monitors,
        id -> model.monitor(id, settings),
        BATCH,
        batch -> judged[0] += judge(batch, model, monitors));
    return judged[0];
  }

  /**
   * As {@link #runSynchronously}, but each batch is judged on a second thread while the next is
   * embedded ({@link OverlappingJudge}, the embedded engine's way); returns the windows judged.
   */
  private static int runOverlapped(
      List<Observation> observations, Model model, MonitorSettings settings) {
    Map<String, FeedMonitor> monitors = new LinkedHashMap<>();
    WindowJudge.Feeds<RuntimeException> feeds =
        (window, embedding) -> monitors.get(window.feedId()).onEmbedded(window, embedding);
    int[] judged = {0};
    try (OverlappingJudge<RuntimeException> judge =
        new OverlappingJudge<>(
            new WindowJudge(model.encoder(), model.embedder(), EngineListener.NONE), "judge")) {
      WindowBatches.feed(
          observations,
          monitors,
          id -> model.monitor(id, settings),
          BATCH,
          batch -> {
            judge.embed(batch, feeds);
            judged[0] += batch.size();
          });
      judge.judgeWaiting();
      return judged[0];
    }
  }

  private static int judge(List<Window> batch, Model model, Map<String, FeedMonitor> monitors) {
    List<EncodedWindow> encoded = new ArrayList<>(batch.size());
    for (Window window : batch) {
      encoded.add(model.encoder().encode(window.values()));
    }
    List<Embedding> embeddings = model.embedder().embed(encoded);
    for (int k = 0; k < batch.size(); k++) {
      monitors.get(batch.get(k).feedId()).onEmbedded(batch.get(k), embeddings.get(k));
    }
    return batch.size();
  }

  private static String median(List<Double> rates) {
    double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return String.format(
        Locale.ROOT,
        "%.0f (%.0f-%.0f)",
        sorted[sorted.length / 2],
        sorted[0],
        sorted[sorted.length - 1]);
  }

  private static String ratios(List<Double> numerators, List<Double> denominators) {
    double[] ratios = new double[numerators.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = numerators.get(i) / denominators.get(i);
    }
    Arrays.sort(ratios);
    return String.format(
        Locale.ROOT,
        "%.2fx (%.2f-%.2f)",
        ratios[ratios.length / 2],
        ratios[0],
        ratios[ratios.length - 1]);
  }
}
