package io.isowatch.bench;

import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.embed.Embedder;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowerOutput;
import io.isowatch.core.io.AlertSink;
import io.isowatch.core.io.DeadLetterSink;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.report.EngineListener;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.model.embed.OnnxEmbedder;
import io.isowatch.model.encode.TextSerializationEncoder;
import io.isowatch.runtime.EmbeddedPipeline;
import io.isowatch.runtime.PipelineSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The whole agent against its parts and against a peer, on the same windows: seeded synthetic feeds
 * ({@link SyntheticFeed}, 4 feeds by default) cut into windows of 64 values every 8 (the monitor
 * defaults), written as integers, embedded in batches of 32 (the pipeline defaults) by the bundled
 * model with 2 intra-op threads.
 *
 * <ol>
 *   <li>windows/s end to end through {@link EmbeddedPipeline} (synthetic source, windowing,
 *       encoding, batched embedding, {@link FeedMonitor}s, a counting alert sink) against a bare
 *       loop of {@link OnnxEmbedder#embed} over the very batches the pipeline formed (recorded in a
 *       warm-up run, already encoded), for int8 and fp32;
 *   <li>the share of end-to-end time spent in geometry: {@link FeedMonitor#onEmbedded} replayed
 *       alone on the recorded embeddings, against the end-to-end time of the same windows; and the
 *       share of encoding, timed the same way;
 *   <li>langchain4j's ready all-MiniLM-L6-v2 model on the same windows, written as langchain4j
 *       users write numbers (Java's decimal text joined by ", "), and, to separate the two causes,
 *       written as isowatch writes them;
 *   <li>what int8 costs the geometry: every signal of the fp32 and int8 replays compared;
 *   <li>heap per feed: {@link FeedMonitor#memoryBytes} and a measured heap delta of N monitors.
 * </ol>
 *
 * <p>The machine is shared, so every throughput is measured in turns, a rotating order each round,
 * and every comparison is the ratio of two turns of the same round; the report gives medians over
 * rounds with their range.
 *
 * <pre>
 *   java -cp agent/bench/target/benchmarks.jar io.isowatch.bench.EndToEndBench [--quick]
 *       [--rounds N] [--feeds N] [--length N] [--peer-windows N] [--memory-feeds N]
 *       [--restored-feeds N] [--fidelity-length N]
 * </pre>
 */
public final class EndToEndBench {
  static final int THREADS = 2;
  private static final BundledModels[] MODELS = {BundledModels.INT8, BundledModels.FP32};

  private EndToEndBench() {}

  /** Run size; {@code --quick} is a sanity check of about a minute. */
  record Options(
      boolean quick,
      int rounds,
      int feeds,
      long length,
      int peerWindows,
      int memoryFeeds,
      int restoredFeeds,
      long fidelityLength) {
    static Options parse(String[] args) {
      boolean quick = Arrays.asList(args).contains("--quick");
      int rounds = quick ? 2 : 5;
      int feeds = quick ? 2 : SyntheticFeed.DEFAULT_FEEDS;
      long length = quick ? 312 : 800; // 32 or 93 windows a feed
      int peerWindows = quick ? 32 : 64;
      int memoryFeeds = quick ? 10 : 200;
      int restoredFeeds = quick ? 100 : 1000;
      long fidelityLength = quick ? length : SyntheticFeed.DEFAULT_LENGTH;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--quick" -> {}
          case "--rounds" -> rounds = Integer.parseInt(args[++i]);
          case "--feeds" -> feeds = Integer.parseInt(args[++i]);
          case "--length" -> length = Long.parseLong(args[++i]);
          case "--peer-windows" -> peerWindows = Integer.parseInt(args[++i]);
          case "--memory-feeds" -> memoryFeeds = Integer.parseInt(args[++i]);
          case "--restored-feeds" -> restoredFeeds = Integer.parseInt(args[++i]);
          case "--fidelity-length" -> fidelityLength = Long.parseLong(args[++i]);
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + args[i]
                      + "; use --quick, --rounds N, --feeds N, --length N, --peer-windows N,"
                      + " --memory-feeds N, --restored-feeds N, --fidelity-length N");
        }
      }
      return new Options(
          quick, rounds, feeds, length, peerWindows, memoryFeeds, restoredFeeds, fidelityLength);
    }

    SyntheticFeed feed() {
      return feed(length);
    }

    SyntheticFeed feed(long observations) {
      return SyntheticFeed.builder().feeds(feeds).length(observations).build();
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    MonitorSettings settings = MonitorSettings.defaults();
    PipelineSettings pipelineSettings = PipelineSettings.defaults();
    Stream stream = Stream.collect(options.feed(), settings);
    List<Window> windows = stream.windows();
    System.out.printf(
        Locale.ROOT,
        "%s: %d windows of %d values every %d, batches of %d, %d intra-op threads, %d cores%n",
        options.feed().describe(),
        windows.size(),
        settings.window().length(),
        settings.window().stride(),
        pipelineSettings.batch().maxBatch(),
        THREADS,
        Runtime.getRuntime().availableProcessors());

    Map<BundledModels, OnnxEmbedder> embedders = new EnumMap<>(BundledModels.class);
    Map<BundledModels, TextSerializationEncoder> encoders = new EnumMap<>(BundledModels.class);
    Map<BundledModels, List<List<EncodedWindow>>> batches = new EnumMap<>(BundledModels.class);
    Map<BundledModels, List<Embedding>> embeddings = new EnumMap<>(BundledModels.class);
    try {
      for (BundledModels model : MODELS) {
        embedders.put(
            model,
            OnnxEmbedder.builder().manifest(model.manifest()).intraOpThreads(THREADS).build());
        encoders.put(
            model,
            TextSerializationEncoder.builder()
                .tokenizer(model.manifest().tokenizer())
                .maxTokens(model.manifest().maxTokens())
                .build());
        // The recording run is also the warm-up of the pipeline and of the model.
        RecordingEmbedder recorder = new RecordingEmbedder(embedders.get(model));
        PipelineRun warmUp = runPipeline(options, encoders.get(model), recorder, settings);
        System.out.printf(
            Locale.ROOT,
            "recorded %s: %d windows in %d batches (%.1f windows/s)%n",
            model,
            warmUp.windows(),
            recorder.batches().size(),
            warmUp.rate());
        check(windows, encoders.get(model), recorder);
        batches.put(model, recorder.batches());
        embeddings.put(model, recorder.embeddings());
      }

      SignalFidelity.Result fidelity;
      if (options.fidelityLength() == options.length()) {
        fidelity =
            SignalFidelity.compare(
                windows,
                embeddings.get(BundledModels.FP32),
                embeddings.get(BundledModels.INT8),
                settings);
      } else { // a longer stream, so that the window-cloud signals are compared more often
        List<Window> longer =
            Stream.collect(options.feed(options.fidelityLength()), settings).windows();
        fidelity =
            SignalFidelity.compare(
                longer,
                embedAll(
                    longer, encoders.get(BundledModels.FP32), embedders.get(BundledModels.FP32)),
                embedAll(
                    longer, encoders.get(BundledModels.INT8), embedders.get(BundledModels.INT8)),
                settings);
      }
      embeddings.remove(BundledModels.FP32); // only the int8 replay is timed

      LangChain4jPeer peer = new LangChain4jPeer();
      TextSerializationEncoder isowatchText = encoders.get(BundledModels.INT8);
      List<double[]> values = windows.stream().map(Window::values).toList();
      double seenDecimal = LangChain4jPeer.meanValuesSeen(values, LangChain4jPeer::decimalText);
      double seenInteger = LangChain4jPeer.meanValuesSeen(values, isowatchText::text);
      double seenIsowatch = meanValuesKept(windows, isowatchText);
      List<Turn> turns = new ArrayList<>();
      for (BundledModels model : MODELS) {
        turns.add(
            new Turn(
                "e2e " + model,
                () -> runPipeline(options, encoders.get(model), embedders.get(model), settings)));
        turns.add(
            new Turn("bare " + model, () -> bareLoop(embedders.get(model), batches.get(model))));
      }
      turns.add(
          new Turn(
              "geometry", () -> replay(windows, embeddings.get(BundledModels.INT8), settings)));
      turns.add(new Turn("encode", () -> encode(windows, isowatchText)));
      PeerCursor decimal = new PeerCursor(windows, pipelineSettings.batch().maxBatch());
      PeerCursor integer = new PeerCursor(windows, pipelineSettings.batch().maxBatch());
      turns.add(
          new Turn(
              "peer decimal",
              () -> decimal.run(peer, options.peerWindows(), LangChain4jPeer::decimalText)));
      turns.add(
          new Turn(
              "peer integer",
              () -> integer.run(peer, options.peerWindows() / 2, isowatchText::text)));
      for (Turn turn : turns) {
        if (turn.name().startsWith("peer") || turn.name().startsWith("bare")) {
          turn.warmUp();
        }
      }

      Map<String, Samples> ratios = new LinkedHashMap<>();
      for (int round = 0; round < options.rounds(); round++) {
        Map<String, Measured> results = new HashMap<>();
        for (int k = 0; k < turns.size(); k++) {
          Turn turn = turns.get((k + round) % turns.size());
          results.put(turn.name(), turn.measure());
        }
        recordRatios(results, ratios, settings.window().length());
        add(
            ratios,
            "values/s isowatch INT8 / peer decimal",
            results.get("e2e INT8").rate()
                * seenIsowatch
                / (results.get("peer decimal").rate() * seenDecimal));
        add(
            ratios,
            "values/s isowatch INT8 / peer integer",
            results.get("e2e INT8").rate()
                * seenIsowatch
                / (results.get("peer integer").rate() * seenInteger));
        System.out.printf(
            Locale.ROOT,
            "round %d of %d: e2e/bare int8 %.3f, geometry share int8 %.1f%%, int8 vs peer %.2fx%n",
            round + 1,
            options.rounds(),
            last(ratios, "e2e/bare INT8"),
            100 * last(ratios, "geometry share INT8"),
            last(ratios, "isowatch INT8 e2e / peer decimal"));
      }

      Map<BundledModels, PipelineRun> lastRuns = new EnumMap<>(BundledModels.class);
      for (Turn turn : turns) {
        if (turn.name().startsWith("e2e ")) {
          lastRuns.put(BundledModels.valueOf(turn.name().substring(4)), (PipelineRun) turn.last());
        }
      }
      int feed0 = stream.firstFeedWindows();
      MonitorMemory.Result memory =
          MonitorMemory.measure(
              options.memoryFeeds(),
              options.restoredFeeds(),
              stream.firstFeedObservations(),
              firstFeedEmbeddings(windows, embeddings.get(BundledModels.INT8), feed0),
              settings);

      Report report =
          new Report(
              options,
              settings,
              pipelineSettings,
              windows,
              batches,
              turns,
              ratios,
              lastRuns,
              decimal,
              integer,
              new double[] {seenIsowatch, seenDecimal, seenInteger},
              fidelity,
              memory);
      report.print(System.out);
    } finally {
      embedders.values().forEach(OnnxEmbedder::close);
      encoders.values().forEach(TextSerializationEncoder::close);
    }
  }

  /** Every window encoded and embedded in batches of the pipeline's size, in order (untimed). */
  private static List<Embedding> embedAll(
      List<Window> windows, TextSerializationEncoder encoder, Embedder embedder) {
    int batch = BatchSettings.DEFAULT_MAX_BATCH;
    List<Embedding> embeddings = new ArrayList<>(windows.size());
    for (int from = 0; from < windows.size(); from += batch) {
      List<EncodedWindow> encoded = new ArrayList<>(batch);
      for (Window window : windows.subList(from, Math.min(windows.size(), from + batch))) {
        encoded.add(encoder.encode(window.values()));
      }
      embeddings.addAll(embedder.embed(encoded));
    }
    return embeddings;
  }

  private static double last(Map<String, Samples> ratios, String name) {
    Samples samples = ratios.get(name);
    return samples == null || samples.count() == 0 ? Double.NaN : samples.lastValue();
  }

  /** Ratios of the turns of one round. */
  private static void recordRatios(
      Map<String, Measured> r, Map<String, Samples> ratios, int windowLength) {
    GeometryRun geometry = (GeometryRun) r.get("geometry");
    for (BundledModels model : MODELS) {
      PipelineRun e2e = (PipelineRun) r.get("e2e " + model);
      double e2ePerWindow = e2e.seconds() / e2e.windows();
      add(ratios, "e2e/bare " + model, e2e.rate() / r.get("bare " + model).rate());
      add(
          ratios,
          "embed() in pipeline / bare " + model,
          (double) r.get("bare " + model).nanos() / e2e.embedNanos());
      add(ratios, "geometry share " + model, geometry.seconds() / e2e.seconds());
      add(
          ratios,
          "steady geometry share " + model,
          geometry.steadySecondsPerWindow() / e2ePerWindow);
      add(ratios, "encoding share " + model, r.get("encode").seconds() / e2e.seconds());
      add(ratios, "outside embed() share " + model, 1 - (double) e2e.embedNanos() / e2e.nanos());
    }
    add(ratios, "us between evaluations", geometry.steadyBetweenMicros());
    add(ratios, "us evaluation", geometry.steadyEvaluationMicros());
    add(ratios, "e2e INT8 / FP32", r.get("e2e INT8").rate() / r.get("e2e FP32").rate());
    add(ratios, "bare INT8 / FP32", r.get("bare INT8").rate() / r.get("bare FP32").rate());
    add(
        ratios,
        "isowatch INT8 e2e / peer decimal",
        r.get("e2e INT8").rate() / r.get("peer decimal").rate());
    add(
        ratios,
        "isowatch INT8 e2e / peer integer",
        r.get("e2e INT8").rate() / r.get("peer integer").rate());
    add(
        ratios,
        "isowatch FP32 e2e / peer integer",
        r.get("e2e FP32").rate() / r.get("peer integer").rate());
  }

  private static void add(Map<String, Samples> ratios, String name, double value) {
    ratios.computeIfAbsent(name, n -> new Samples()).add(value);
  }

  /** The windows embedded by the pipeline must be these, in this order, with these tokens. */
  private static void check(
      List<Window> windows, TextSerializationEncoder encoder, RecordingEmbedder recorder) {
    List<EncodedWindow> recorded = new ArrayList<>();
    recorder.batches().forEach(recorded::addAll);
    if (recorded.size() != windows.size()) {
      throw new IllegalStateException(
          "the pipeline embedded " + recorded.size() + " windows, expected " + windows.size());
    }
    for (int i = 0; i < windows.size(); i++) {
      if (!Arrays.equals(
          recorded.get(i).inputIds(), encoder.encode(windows.get(i).values()).inputIds())) {
        throw new IllegalStateException(
            "window " + i + " of the pipeline is not " + windows.get(i) + ": order differs");
      }
    }
  }

  private static List<Embedding> firstFeedEmbeddings(
      List<Window> windows, List<Embedding> embeddings, int count) {
    String first = SyntheticFeed.feedId(0);
    List<Embedding> own = new ArrayList<>(count);
    for (int i = 0; i < windows.size(); i++) {
      if (windows.get(i).feedId().equals(first)) {
        own.add(embeddings.get(i));
      }
    }
    return own;
  }

  static PipelineRun runPipeline(
      Options options,
      TextSerializationEncoder encoder,
      Embedder embedder,
      MonitorSettings settings)
      throws Exception {
    CountingListener listener = new CountingListener();
    CountingSinks sinks = new CountingSinks();
    try (EmbeddedPipeline pipeline =
        EmbeddedPipeline.builder()
            .source(options.feed())
            .encoder(encoder)
            .embedder(embedder)
            .monitorSettings(settings)
            .alertSink(sinks)
            .deadLetterSink(sinks)
            .listener(listener)
            .settings(PipelineSettings.defaults())
            .build()) {
      long start = System.nanoTime();
      pipeline.run();
      long nanos = System.nanoTime() - start;
      if (sinks.rejections > 0) {
        throw new IllegalStateException(sinks.rejections + " records rejected");
      }
      return new PipelineRun(listener.windows, nanos, listener.embedNanos, sinks.alerts);
    }
  }

  private static Measured bareLoop(OnnxEmbedder embedder, List<List<EncodedWindow>> batches) {
    long start = System.nanoTime();
    int windows = 0;
    for (List<EncodedWindow> batch : batches) {
      windows += embedder.embed(batch).size();
    }
    return new Measured(windows, System.nanoTime() - start);
  }

  /**
   * {@link FeedMonitor#onEmbedded} alone over the recorded embeddings, fresh monitors as in a
   * pipeline run; windows measured when their monitor's window-vector cloud is full are also timed
   * apart (the steady state of a long-running feed).
   */
  private static GeometryRun replay(
      List<Window> windows, List<Embedding> embeddings, MonitorSettings settings) {
    Map<String, FeedMonitor> monitors = new HashMap<>();
    int evaluations = 0;
    long steadyNanos = 0;
    int steadyWindows = 0;
    long steadyEvaluationNanos = 0;
    int steadyEvaluations = 0;
    long start = System.nanoTime();
    for (int i = 0; i < windows.size(); i++) {
      Window window = windows.get(i);
      FeedMonitor monitor =
          monitors.computeIfAbsent(window.feedId(), id -> FeedMonitor.create(id, settings));
      long before = System.nanoTime();
      boolean evaluated = monitor.onEmbedded(window, embeddings.get(i)).evaluated();
      long took = System.nanoTime() - before;
      evaluations += evaluated ? 1 : 0;
      if (window.sequence() >= settings.windowCloudCapacity()) {
        steadyNanos += took;
        steadyWindows++;
        if (evaluated) {
          steadyEvaluationNanos += took;
          steadyEvaluations++;
        }
      }
    }
    long nanos = System.nanoTime() - start;
    if (evaluations == 0) {
      throw new IllegalStateException("no evaluation in the replay");
    }
    return new GeometryRun(
        windows.size(),
        nanos,
        steadyWindows,
        steadyNanos,
        steadyEvaluations,
        steadyEvaluationNanos);
  }

  /** Mean values of a window the encoder keeps (it drops the oldest past maxTokens). */
  private static double meanValuesKept(List<Window> windows, TextSerializationEncoder encoder) {
    try (TextSerializationEncoder unlimited =
        TextSerializationEncoder.builder()
            .tokenizer(BundledModels.INT8.manifest().tokenizer())
            .numberFormat(encoder.numberFormat())
            .separator(encoder.separator())
            .scaling(encoder.scaling())
            .maxTokens(Integer.MAX_VALUE)
            .build()) {
      long kept = 0;
      for (Window window : windows) {
        boolean whole =
            encoder.encode(window.values()).length() == unlimited.encode(window.values()).length();
        if (!whole) {
          return Double.NaN; // not needed with the defaults; report it rather than guess
        }
        kept += window.length();
      }
      return (double) kept / windows.size();
    }
  }

  private static Measured encode(List<Window> windows, TextSerializationEncoder encoder) {
    long tokens = 0;
    long start = System.nanoTime();
    for (Window window : windows) {
      tokens += encoder.encode(window.values()).length();
    }
    long nanos = System.nanoTime() - start;
    if (tokens == 0) {
      throw new IllegalStateException("no tokens");
    }
    return new Measured(windows.size(), nanos);
  }

  /** Windows processed in some time. */
  static class Measured {
    private final int windows;
    private final long nanos;

    Measured(int windows, long nanos) {
      this.windows = windows;
      this.nanos = nanos;
    }

    int windows() {
      return windows;
    }

    long nanos() {
      return nanos;
    }

    double seconds() {
      return nanos / 1e9;
    }

    double rate() {
      return windows / seconds();
    }
  }

  /** One geometry replay, with the windows measured on a full window-vector cloud apart. */
  static final class GeometryRun extends Measured {
    private final int steadyWindows;
    private final long steadyNanos;
    private final int steadyEvaluations;
    private final long steadyEvaluationNanos;

    GeometryRun(
        int windows,
        long nanos,
        int steadyWindows,
        long steadyNanos,
        int steadyEvaluations,
        long steadyEvaluationNanos) {
      super(windows, nanos);
      this.steadyWindows = steadyWindows;
      this.steadyNanos = steadyNanos;
      this.steadyEvaluations = steadyEvaluations;
      this.steadyEvaluationNanos = steadyEvaluationNanos;
    }

    /** Microseconds of a steady-state window between evaluations: token signals and a copy. */
    double steadyBetweenMicros() {
      int between = steadyWindows - steadyEvaluations;
      return between == 0 ? Double.NaN : (steadyNanos - steadyEvaluationNanos) / 1e3 / between;
    }

    /** Microseconds of a steady-state evaluation window: also the cloud analysis and the rule. */
    double steadyEvaluationMicros() {
      return steadyEvaluations == 0 ? Double.NaN : steadyEvaluationNanos / 1e3 / steadyEvaluations;
    }

    double steadySecondsPerWindow() {
      return steadyWindows == 0 ? Double.NaN : steadyNanos / 1e9 / steadyWindows;
    }
  }

  /** One pipeline run: windows, wall time, time inside embed() and alerts raised. */
  static final class PipelineRun extends Measured {
    private final long embedNanos;
    private final int alerts;

    PipelineRun(int windows, long nanos, long embedNanos, int alerts) {
      super(windows, nanos);
      this.embedNanos = embedNanos;
      this.alerts = alerts;
    }

    long embedNanos() {
      return embedNanos;
    }

    int alerts() {
      return alerts;
    }
  }

  /** Something measured once per round, with its windows/s in each round. */
  static final class Turn {
    private final String name;
    private final Task task;
    private final Samples rates = new Samples();
    private Measured last;

    interface Task {
      Measured run() throws Exception;
    }

    Turn(String name, Task task) {
      this.name = name;
      this.task = task;
    }

    String name() {
      return name;
    }

    void warmUp() throws Exception {
      task.run();
    }

    Measured measure() throws Exception {
      last = task.run();
      rates.add(last.rate());
      return last;
    }

    Measured last() {
      return last;
    }

    Samples rates() {
      return rates;
    }
  }

  /** Walks the windows in batches for the peer, a different stretch each turn. */
  static final class PeerCursor {
    private final List<Window> windows;
    private final int batch;
    private int next;
    private long tokens;
    private long embedded;

    PeerCursor(List<Window> windows, int batch) {
      this.windows = windows;
      this.batch = batch;
    }

    Measured run(LangChain4jPeer peer, int count, Function<double[], String> text) {
      long start = System.nanoTime();
      int done = 0;
      while (done < count) {
        List<double[]> values = new ArrayList<>(batch);
        for (int k = 0; k < Math.min(batch, count - done); k++) {
          values.add(windows.get(next).values());
          next = (next + 1) % windows.size();
        }
        LangChain4jPeer.Call call = peer.embed(values, text);
        done += call.windows();
        tokens += call.tokens();
        embedded += call.windows();
      }
      return new Measured(done, System.nanoTime() - start);
    }

    double tokensPerWindow() {
      return embedded == 0 ? Double.NaN : (double) tokens / embedded;
    }
  }

  /** The listener of a timed run: windows measured and time inside embed(). */
  private static final class CountingListener implements EngineListener {
    int windows;
    long embedNanos;

    @Override
    public void embedded(int batchSize, long nanos) {
      embedNanos += nanos;
    }

    @Override
    public void windowMeasured(String feedId) {
      windows++;
    }
  }

  /** Counts alerts and rejected records. */
  private static final class CountingSinks implements AlertSink, DeadLetterSink {
    int alerts;
    int rejections;

    @Override
    public void send(Alert alert) {
      alerts++;
    }

    @Override
    public void accept(Rejection rejection) {
      rejections++;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /**
   * The windows of a synthetic feed in the order the pipeline completes them (one source, events in
   * order, every feed's windower in turn, then the flush), and the first feed's observations.
   */
  record Stream(List<Window> windows, List<Observation> firstFeedObservations) {
    static Stream collect(SyntheticFeed feed, MonitorSettings settings)
        throws InterruptedException {
      Map<String, FeedMonitor> monitors = new LinkedHashMap<>();
      List<Window> windows = new ArrayList<>();
      List<Observation> first = new ArrayList<>();
      String firstId = feed.feedIds().get(0);
      feed.run(
          event -> {
            if (!(event instanceof SourceEvent.Parsed parsed)) {
              throw new IllegalStateException("synthetic feed gave " + event);
            }
            Observation observation = parsed.observation();
            WindowerOutput output =
                monitors
                    .computeIfAbsent(observation.feedId(), id -> FeedMonitor.create(id, settings))
                    .accept(observation);
            if (!output.rejections().isEmpty()) {
              throw new IllegalStateException("rejected: " + output.rejections());
            }
            windows.addAll(output.windows());
            if (observation.feedId().equals(firstId)) {
              first.add(observation);
            }
          });
      for (FeedMonitor monitor : monitors.values()) {
        windows.addAll(monitor.flush().windows());
      }
      return new Stream(List.copyOf(windows), List.copyOf(first));
    }

    int firstFeedWindows() {
      String first = SyntheticFeed.feedId(0);
      return (int) windows.stream().filter(w -> w.feedId().equals(first)).count();
    }
  }
}
