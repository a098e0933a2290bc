package io.isowatch.flink;

import io.isowatch.connectors.file.JsonlReplaySource;
import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.model.ModelSession;
import io.isowatch.engine.report.EngineListener;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.runtime.EmbeddedPipeline;
import io.isowatch.runtime.PipelineSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows per second of the Flink job at parallelism 1 and 2 against the in-process engine on the
 * same JSON Lines file and the same settings (windows 64 / stride 8, batches of at most 32, the
 * int8 model or {@code -Disowatch.bench.model=numeric-lm}, 2 ONNX threads in all: one session of 2
 * threads, or two sessions of 1). Each round runs the three in a rotating order; each run is timed
 * from the start (model load and, for Flink, the MiniCluster included) to the last alert flushed.
 * Each is followed by a run of the same engine on a short file ({@value #SHORT_LENGTH} observations
 * per feed): what a run costs before and around its windows (start-up, model load, shutdown), so
 * that {@code (windows - short windows) / (seconds - short seconds)} is the engine's steady rate,
 * which is what a long-running job sees. The report gives every round and the median of each ratio
 * to the in-process run of the same round, both from the start and steady. Not a test: it runs only
 * when asked,
 *
 * <pre>
 * ./mvnw -q verify -pl agent/flink -am -Dtest=FlinkThroughputBench -Disowatch.bench=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Disowatch.bench.model=numeric-lm] \
 *     [-Disowatch.bench.length=N] [-Disowatch.bench.rounds=N]
 * </pre>
 */
@EnabledIfSystemProperty(named = "isowatch.bench", matches = "true")
class FlinkThroughputBench {
  private static final int FEEDS = 8;

  /** Observations per feed, {@code -Disowatch.bench.length=N} (1000 by default). */
  private static final long LENGTH = Long.getLong("isowatch.bench.length", 1000);

  /** Rounds, {@code -Disowatch.bench.rounds=N} (3 by default). */
  private static final int ROUNDS = Integer.getInteger("isowatch.bench.rounds", 3);

  /** Observations per feed of the short run: two windows a feed. */
  static final long SHORT_LENGTH = 72;

  private static final int CORES = 2;

  @TempDir Path folder;

  @Test
  void windowsPerSecond() throws Exception {
    Path file = folder.resolve("bench.jsonl");
    writeFeeds(file, LENGTH);
    Path shortFile = folder.resolve("short.jsonl");
    writeFeeds(shortFile, SHORT_LENGTH);
    AgentSpec oneSession = settings(CORES);
    AgentSpec perSubtask = settings(CORES / 2);

    long windows = embedded(file, oneSession).windows; // warm-up, and the window count
    long shortWindows = embedded(shortFile, oneSession).windows;
    List<double[]> rounds = new ArrayList<>();
    List<double[]> steadyRounds = new ArrayList<>();
    StringBuilder report = new StringBuilder();
    for (int round = 0; round < ROUNDS; round++) {
      double[] rates = new double[3];
      double[] steady = new double[3];
      for (int k = 0; k < 3; k++) {
        int which = (k + round) % 3;
        double seconds = seconds(which, file, oneSession, perSubtask);
        double shortSeconds = seconds(which, shortFile, oneSession, perSubtask);
        rates[which] = windows / seconds;
        steady[which] = (windows - shortWindows) / (seconds - shortSeconds);
      }
      rounds.add(rates);
      steadyRounds.add(steady);
      report.append(
          String.format(
              Locale.ROOT,
              "round %d: embedded %.1f, flink p1 %.1f (%.2fx), flink p2 %.1f (%.2fx) windows/s;"
                  + " steady: embedded %.1f, flink p1 %.1f (%.2fx), flink p2 %.1f (%.2fx)%n",
              round + 1,
              rates[0],
              rates[1],
              rates[1] / rates[0],
              rates[2],
              rates[2] / rates[0],
              steady[0],
              steady[1],
              steady[1] / steady[0],
              steady[2],
              steady[2] / steady[0]));
    }
    report.append(
        String.format(
            Locale.ROOT,
            "%s, %d windows of %d feeds; median: embedded %.1f windows/s, flink p1 / embedded"
                + " %.2fx, flink p2 / embedded %.2fx%n",
            model(),
            windows,
            FEEDS,
            median(rounds, r -> r[0]),
            median(rounds, r -> r[1] / r[0]),
            median(rounds, r -> r[2] / r[0])));
    report.append(
        String.format(
            Locale.ROOT,
            "steady (short run of %d windows subtracted), median: embedded %.1f windows/s, flink p1"
                + " / embedded %.2fx (%.2f-%.2f), flink p2 / embedded %.2fx (%.2f-%.2f); load"
                + " average %.1f%n",
            shortWindows,
            median(steadyRounds, r -> r[0]),
            median(steadyRounds, r -> r[1] / r[0]),
            min(steadyRounds, r -> r[1] / r[0]),
            -min(steadyRounds, r -> -r[1] / r[0]),
            median(steadyRounds, r -> r[2] / r[0]),
            min(steadyRounds, r -> r[2] / r[0]),
            -min(steadyRounds, r -> -r[2] / r[0]),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage()));
    System.out.print(report);
    Files.writeString(Path.of("target", "flink-throughput.txt"), report);
  }

  /** The bundled model, {@code -Disowatch.bench.model=numeric-lm} (MiniLM int8 by default). */
  private static ModelChoice model() {
    return ModelChoice.parse(System.getProperty("isowatch.bench.model", "minilm-int8"));
  }

  private static AgentSpec settings(int threads) {
    return AgentSpec.builder()
        .model(model())
        .intraOpThreads(threads)
        .window(WindowSpec.builder().length(64).stride(8).build())
        .batch(BatchSettings.defaults().withMaxBatch(32))
        .build();
  }

  /** Seconds of one run: 0 the in-process engine, 1 and 2 Flink at that parallelism. */
  private static double seconds(int which, Path file, AgentSpec oneSession, AgentSpec perSubtask)
      throws Exception {
    long start = System.nanoTime();
    if (which == 0) {
      embedded(file, oneSession);
    } else {
      LocalFlinkRun.run(
          List.of(file), which == 1 ? oneSession : perSubtask, which, List.of(), r -> {});
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static void writeFeeds(Path file, long length) throws Exception {
    SyntheticFeed feed = SyntheticFeed.builder().feeds(FEEDS).length(length).seed(7).build();
    ObservationJson json = ObservationJson.defaults();
    List<String> lines = new ArrayList<>();
    feed.run(
        event -> {
          if (event instanceof SourceEvent.Parsed parsed) {
            lines.add(json.encode(parsed.observation()));
          }
        });
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private record Run(long windows) {}

  private static Run embedded(Path file, AgentSpec settings) throws Exception {
    AtomicLong windows = new AtomicLong();
    try (ModelSession model = settings.agentModel().open();
        EmbeddedPipeline pipeline =
            EmbeddedPipeline.builder()
                .source(JsonlReplaySource.builder(file).build())
                .encoder(model.encoder())
                .embedder(model.embedder())
                .monitorSettings(settings.monitorSettings())
                .softmaxSources(settings.agentModel().forecasts(settings.monitorSettings()))
                .settings(PipelineSettings.builder().batch(settings.batch()).build())
                .listener(
                    new EngineListener() {
                      @Override
                      public void windowMeasured(String feedId) {
                        windows.incrementAndGet();
                      }
                    })
                .alertSink(alert -> {})
                .deadLetterSink(rejection -> {})
                .build()) {
      pipeline.run();
    }
    return new Run(windows.get());
  }

  private static double min(
      List<double[]> rounds, java.util.function.ToDoubleFunction<double[]> f) {
    return rounds.stream().mapToDouble(f).min().orElseThrow();
  }

  private static double median(
      List<double[]> rounds, java.util.function.ToDoubleFunction<double[]> f) {
    double[] values = rounds.stream().mapToDouble(f).toArray();
    Arrays.sort(values);
    return values[values.length / 2];
  }
}
