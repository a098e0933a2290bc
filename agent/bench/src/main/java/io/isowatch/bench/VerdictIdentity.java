package io.isowatch.bench;

import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.core.predict.SoftmaxSources;
import io.isowatch.engine.judge.OverlappingJudge;
import io.isowatch.engine.judge.WindowJudge;
import io.isowatch.engine.report.EngineListener;
import io.isowatch.model.embed.NumericLanguageModel;
import io.isowatch.model.embed.OnnxEmbedder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a change left every verdict as it was: the numeric LM's verdicts (signals, alerts,
 * forecast, trust, realized error, warm-up) on synthetic feeds, batches of 32, judged at once after
 * each embedding and judged while the next batch is embedded ({@link OverlappingJudge}), each
 * written a line a window. Prints the count and the SHA-256 of each run's lines and fails unless
 * the two are equal; run it before and after a change and compare the digests (or the files written
 * with {@code --out}: FILE judged at once, FILE.overlapped).
 *
 * <pre>
 * java -cp agent/bench/target/benchmarks.jar io.isowatch.bench.VerdictIdentity [--feeds N]
 *     [--length N] [--out FILE]
 * </pre>
 */
public final class VerdictIdentity {
  private static final int BATCH = 32;

  private VerdictIdentity() {}

  public static void main(String[] args) throws Exception {
    int feeds = SyntheticFeed.DEFAULT_FEEDS;
    long length = 3000;
    Optional<Path> out = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--feeds" -> feeds = Integer.parseInt(args[++i]);
        case "--length" -> length = Long.parseLong(args[++i]);
        case "--out" -> out = Optional.of(Path.of(args[++i]));
        default ->
            throw new IllegalArgumentException(
                "unknown option " + args[i] + "; use --feeds N, --length N, --out FILE");
      }
    }
    MonitorSettings settings =
        MonitorSettings.defaults().toBuilder()
            .maxEmbeddingLag(MonitorSettings.embeddingLagFor(BATCH))
            .width(NumericLanguageModel.WIDTH)
            .build();
    List<Observation> observations =
        SyntheticFeed.builder().feeds(feeds).length(length).build().observations();
    SoftmaxSources sources = NumericLanguageModel.logitsSource().forEveryFeed();
    try (OnnxEmbedder lm = NumericLmThroughput.numericLm()) {
      WindowJudge judge = new WindowJudge(NumericLanguageModel.encoder(), lm, EngineListener.NONE);
      List<String> atOnce = run(observations, settings, sources, judge, false);
      List<String> overlapped = run(observations, settings, sources, judge, true);
      if (out.isPresent()) {
        Files.write(out.get(), atOnce, StandardCharsets.UTF_8);
        Files.write(Path.of(out.get() + ".overlapped"), overlapped, StandardCharsets.UTF_8);
      }
      System.out.printf(
          "%d verdicts judged at once,   SHA-256 %s%n", atOnce.size(), digest(atOnce));
      System.out.printf(
          "%d verdicts judged overlapped, SHA-256 %s%n", overlapped.size(), digest(overlapped));
      if (!atOnce.equals(overlapped)) {
        throw new IllegalStateException("the overlapped verdicts differ from those judged at once");
      }
    }
  }

  private static List<String> run(
      List<Observation> observations,
      MonitorSettings settings,
      SoftmaxSources sources,
      WindowJudge judge,
      boolean overlap) {
    Map<String, FeedMonitor> monitors = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    WindowJudge.Feeds<RuntimeException> feeds =
        (window, embedding) -> {
          WindowVerdict verdict = monitors.get(window.feedId()).onEmbedded(window, embedding);
          lines.add(line(verdict));
          return verdict;
        };
    try (OverlappingJudge<RuntimeException> overlapping = new OverlappingJudge<>(judge, "judge")) {
      WindowBatches.feed(
          observations,
          monitors,
          id -> FeedMonitor.create(id, settings, sources),
          BATCH,
          batch -> {
            if (overlap) {
              overlapping.embed(batch, feeds);
            } else {
              judge.judge(batch, feeds);
            }
          });
      overlapping.judgeWaiting();
    }
    return lines;
  }

  /**
   * What a verdict says, numbers as Java prints doubles (every bit counts), but for two things that
   * are not the window's to decide: an alert's wall-clock {@code raisedAt}, and the count of
   * forecasts still pending, which is the embedding lag itself (one batch more when overlapped).
   */
  private static String line(WindowVerdict v) {
    return String.join(
        " ",
        v.window().feedId(),
        String.valueOf(v.window().sequence()),
        v.window().lastEventTime().toString(),
        v.signals().toString(),
        v.alerts().stream().map(Alert::content).toList().toString(),
        v.forecast().toString(),
        v.trust().toString(),
        v.realizedError().toString(),
        v.warmUp().toString());
  }

  private static String digest(List<String> lines) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (String line : lines) {
      sha.update(line.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
