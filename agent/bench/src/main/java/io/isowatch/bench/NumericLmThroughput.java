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
 *   <li><b>bare loop</b>: {@code OnnxEmbedder.embed} over the encoded batches, windows/s;
 *   <li><b>synchronous end to end</b>: accept every observation, encode, embed and judge each
 *       window with its feed's {@link FeedMonitor} (the numeric LM's forecasts from its own logits,
 *       MiniLM's from the online head), windows/s, and its ratio to the model's bare loop.
 * </ul>
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

  /** One model under test: its embedder, encoder and forecast source. */
  private record Model(
      String name,
      OnnxEmbedder embedder,
      WindowEncoder encoder,
      Optional<SoftmaxSources> sources) {}

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
        OnnxEmbedder lm =
            OnnxEmbedder.builder()
                .manifest(NumericLanguageModel.manifest())
                .intraOpThreads(THREADS)
                .build();
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
                  Optional.of(
                      NumericLanguageModel.manifest()
                          .logitsSource(Optional.of(NumericLanguageModel.encoder().scaling()))
                          .forEveryFeed())));
      Map<String, List<Double>> bare = new LinkedHashMap<>();
      Map<String, List<Double>> endToEnd = new LinkedHashMap<>();
      for (int round = 0; round <= rounds; round++) { // round 0 warms up
        List<Model> order = new ArrayList<>(models);
        java.util.Collections.rotate(order, round);
        for (Model model : order) {
          MonitorSettings modelSettings = model.sources().isPresent() ? lmSettings : settings;
          List<Window> windows = windows(observations, modelSettings);
          List<List<EncodedWindow>> batches = batches(windows, model.encoder());
          long start = System.nanoTime();
          for (List<EncodedWindow> batch : batches) {
            model.embedder().embed(batch);
          }
          double bareRate = windows.size() / ((System.nanoTime() - start) / 1e9);
          start = System.nanoTime();
          int judged = runSynchronously(observations, model, modelSettings);
          double e2eRate = judged / ((System.nanoTime() - start) / 1e9);
          if (round > 0) {
            bare.computeIfAbsent(model.name(), k -> new ArrayList<>()).add(bareRate);
            endToEnd.computeIfAbsent(model.name(), k -> new ArrayList<>()).add(e2eRate);
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%d windows a run (%s), %d rounds, median (min-max)%n",
          windows(observations, settings).size(),
          feed.describe(),
          rounds);
      for (Model model : models) {
        System.out.printf(
            Locale.ROOT,
            "%-12s bare loop %s windows/s, end to end %s windows/s, end to end / bare %s%n",
            model.name(),
            median(bare.get(model.name())),
            median(endToEnd.get(model.name())),
            ratios(endToEnd.get(model.name()), bare.get(model.name())));
      }
      System.out.printf(
          Locale.ROOT,
          "numeric-lm / minilm-int8: bare loop %s, end to end %s%n",
          ratios(bare.get("numeric-lm"), bare.get("minilm-int8")),
          ratios(endToEnd.get("numeric-lm"), endToEnd.get("minilm-int8")));
    }
  }

  private static List<Observation> observations(SyntheticFeed feed) throws InterruptedException {
    List<Observation> observations = new ArrayList<>();
    feed.run(
        event -> {
          if (event instanceof io.isowatch.core.io.SourceEvent.Parsed parsed) {
            observations.add(parsed.observation());
          }
        });
    return observations;
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
    List<Window> pending = new ArrayList<>(BATCH);
    int judged = 0;
    for (Observation observation : observations) {
      FeedMonitor monitor =
          monitors.computeIfAbsent(
              observation.feedId(),
              id ->
                  model.sources().isPresent()
                      ? FeedMonitor.create(id, settings, model.sources().get())
                      : FeedMonitor.create(id, settings));
      for (Window window : monitor.accept(observation).windows()) {
        pending.add(window);
        if (pending.size() == BATCH) {
          judged += judge(pending, model, monitors);
        }
      }
    }
    return judged + judge(pending, model, monitors);
  }

  private static int judge(List<Window> pending, Model model, Map<String, FeedMonitor> monitors) {
    List<EncodedWindow> encoded = new ArrayList<>(pending.size());
    for (Window window : pending) {
      encoded.add(model.encoder().encode(window.values()));
    }
    List<Embedding> embeddings = model.embedder().embed(encoded);
    for (int k = 0; k < pending.size(); k++) {
      monitors.get(pending.get(k).feedId()).onEmbedded(pending.get(k), embeddings.get(k));
    }
    int count = pending.size();
    pending.clear();
    return count;
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
