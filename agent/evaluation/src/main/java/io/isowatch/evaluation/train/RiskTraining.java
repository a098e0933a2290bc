package io.isowatch.evaluation.train;

import io.isowatch.core.risk.RiskFeatures;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.risk.SignalVector;
import io.isowatch.core.risk.TrainedOn;
import io.isowatch.core.trust.TrustReading;
import io.isowatch.core.trust.TrustScorer;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.evaluation.EvaluationProfile;
import io.isowatch.evaluation.data.DatasetReader;
import io.isowatch.evaluation.data.DatasetSpec;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.data.SyntheticFeeds;
import io.isowatch.evaluation.data.Truth;
import io.isowatch.evaluation.isowatch.IsowatchDetector;
import io.isowatch.evaluation.isowatch.MonitorRecording;
import io.isowatch.evaluation.isowatch.RecordingCache;
import io.isowatch.evaluation.label.ForecastLabels;
import io.isowatch.evaluation.score.ForecastScore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Trains the risk model ({@code isowatch train-risk}): runs the monitor (with a constant risk
 * model: only its signals are wanted) over synthetic feeds with injected regime changes and over
 * the given datasets' series as unlabelled feeds, builds the training rows ({@link SeriesRows}:
 * target = the ruler's "unreliable within the horizon" for the last-value forecaster or the agent's
 * own forecasts), validates leave-one-corpus-out for each feature set (boosted trees, and the
 * logistic regression shipped before them for reference), fits the final trees on every corpus and
 * writes it with its manifest. No dataset's own anomaly or change-point labels are read.
 */
public final class RiskTraining {
  public static final int DEFAULT_SYNTHETIC = 192;

  /** Seed of the synthetic training feeds and the fit. */
  public static final long DEFAULT_SEED = 42;

  static final int LARGE_STRIDE = EvaluationProfile.DEFAULT_STRIDE;
  static final double FAR = 0.05;
  static final int RESAMPLES = 1000;

  /** The feature sets compared: the raw channel alone, with geometry, with drift, all of them. */
  static final Map<String, Set<RiskFeatures.Group>> FEATURE_SETS = featureSets();

  private final IsowatchDetector detector;
  private final Optional<RecordingCache> cache;
  private final PrintWriter progress;

  public RiskTraining(
      IsowatchDetector detector, Optional<RecordingCache> cache, PrintWriter progress) {
    this.detector = detector;
    this.cache = cache;
    this.progress = progress;
  }

  private static Map<String, Set<RiskFeatures.Group>> featureSets() {
    Map<String, Set<RiskFeatures.Group>> sets = new LinkedHashMap<>();
    sets.put("full", EnumSet.allOf(RiskFeatures.Group.class));
    sets.put("raw", EnumSet.of(RiskFeatures.Group.RAW));
    sets.put("raw+geometry", EnumSet.of(RiskFeatures.Group.RAW, RiskFeatures.Group.GEOMETRY));
    sets.put("raw+drift", EnumSet.of(RiskFeatures.Group.RAW, RiskFeatures.Group.DRIFT));
    sets.put("raw+surprise", EnumSet.of(RiskFeatures.Group.RAW, RiskFeatures.Group.SURPRISE));
    return sets;
  }

  /** What a training run made. */
  public record Result(RiskModel model, String summary, String table) {
    /** This result, its model stating what it was trained on (its manifest will say so). */
    public Result trainedOn(TrainedOn trainedOn) {
      return new Result(model.trainedOn(trainedOn), summary, table);
    }
  }

  /** Trains on {@code synthetic} synthetic feeds (seeded) and every series of {@code specs}. */
  public Result run(List<DatasetSpec> specs, int synthetic, long seed) throws IOException {
    return run(specs, synthetic, seed, List.of(SyntheticFeeds.Noise.LIGHT));
  }

  /**
   * As {@link #run(List, int, long)}, the synthetic feeds split evenly among {@code noises}: the
   * k-th noise's share is drawn with seed {@code seed + k}, so the light share alone is the feeds
   * of {@code seed}.
   */
  public Result run(
      List<DatasetSpec> specs, int synthetic, long seed, List<SyntheticFeeds.Noise> noises)
      throws IOException {
    List<SeriesRows> rows = new ArrayList<>();
    for (int k = 0; k < noises.size(); k++) {
      int share = synthetic / noises.size() + (k < synthetic % noises.size() ? 1 : 0);
      for (LabelledSeries series :
          SyntheticFeeds.generate(share, seed + k, SyntheticFeeds.Density.DENSE, noises.get(k))) {
        rows(series).ifPresent(rows::add);
      }
    }
    for (DatasetSpec spec : specs) {
      for (LabelledSeries series : DatasetReader.read(spec, Integer.MAX_VALUE)) {
        // the dataset's labels stay unread: the series is an unlabelled feed here
        LabelledSeries unlabelled =
            new LabelledSeries(
                series.dataset(),
                series.name(),
                series.values(),
                series.times(),
                series.truth(),
                series.repaired());
        rows(unlabelled).ifPresent(rows::add);
      }
    }
    List<String> corpora = rows.stream().map(SeriesRows::corpus).distinct().toList();
    long steps = rows.stream().mapToLong(r -> r.steps().length).sum();
    long events = 0;
    for (SeriesRows r : rows) {
      for (boolean t : r.targets()) {
        events += t ? 1 : 0;
      }
    }
    String table = validate(rows, corpora, seed);
    String noise =
        noises.equals(List.of(SyntheticFeeds.Noise.LIGHT))
            ? ""
            : "-noise-"
                + String.join("+", noises.stream().map(SyntheticFeeds.Noise::label).toList());
    String version =
        String.format(
            Locale.ROOT, "gbt-%d-series-%d-steps-seed-%d%s", rows.size(), steps, seed, noise);
    RiskModel model = TreeFit.fit(rows, FEATURE_SETS.get("full"), seed, version);
    String summary =
        String.format(
            Locale.ROOT,
            "trained on %d series (%s), %d scored steps, %d targets (last-value or agent error"
                + " events, %.1f%%); synthetic feeds: %d%s,"
                + " seed %d; XGBoost boosted trees, %d rounds of depth %d, learning rate %.3g, L2"
                + " %.3g",
            rows.size(),
            String.join(", ", corpora),
            steps,
            events,
            100.0 * events / Math.max(1, steps),
            synthetic,
            noise.isEmpty() ? "" : " (" + noise.substring("-noise-".length()) + " noise)",
            seed,
            TreeFit.ROUNDS,
            TreeFit.DEPTH,
            TreeFit.LEARNING_RATE,
            TreeFit.L2);
    return new Result(model, summary, table);
  }

  private Optional<SeriesRows> rows(LabelledSeries series) throws IOException {
    EvaluationProfile profile =
        EvaluationProfile.forLength(
            series.length(), LARGE_STRIDE, series.truth() instanceof Truth.AnnotatedChangePoints);
    Optional<MonitorRecording> cached =
        cache.isPresent() ? cache.get().get(series, profile) : Optional.empty();
    long start = System.nanoTime();
    MonitorRecording recording = cached.orElseGet(() -> detector.run(series, profile));
    if (cached.isEmpty() && cache.isPresent()) {
      cache.get().put(series, profile, recording);
    }
    progress.printf(
        Locale.ROOT,
        "  %s:%s (%d values): %.1f s%n",
        series.dataset(),
        series.name(),
        series.length(),
        (System.nanoTime() - start) / 1e9);
    progress.flush();
    return SeriesRows.of(series, profile, recording);
  }

  /**
   * Leave-one-corpus-out: for each corpus, a model fitted on the others scores its series; the
   * table gives the mean AUROC over its series (the ruler's last-value AUROC of the risk, and of
   * the trust score the monitor would make of it, and the full risk's AUROC against the agent's
   * labels on the series that have them) with a 90% bootstrap interval over series.
   */
  String validate(List<SeriesRows> rows, List<String> corpora, long seed) {
    if (corpora.size() < 2) {
      return "(one corpus, "
          + String.join("", corpora)
          + ": no corpus to hold out, so no leave-one-corpus-out validation)\n";
    }
    StringBuilder table = new StringBuilder();
    table.append("| held-out corpus | series |");
    for (String set : FEATURE_SETS.keySet()) {
      table.append(" risk AUROC ").append(set).append(" |");
    }
    table.append(" risk AUROC full, logistic |");
    table.append(" trust AUROC full | risk AUROC full, agent labels |\n|---|---:|");
    table.append("---:|".repeat(FEATURE_SETS.size() + 3)).append('\n');
    Map<String, List<Double>> pooled = new LinkedHashMap<>();
    // each held-out series' AUROC by feature set (and the logistic model), for paired differences
    Map<String, Map<String, Double>> bySeries = new LinkedHashMap<>();
    List<Double> pooledTrust = new ArrayList<>();
    List<Double> pooledAgent = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (String corpus : corpora) {
      List<SeriesRows> train = rows.stream().filter(r -> !r.corpus().equals(corpus)).toList();
      List<SeriesRows> test = rows.stream().filter(r -> r.corpus().equals(corpus)).toList();
      StringBuilder line = new StringBuilder("| " + corpus + " | " + test.size() + " |");
      List<Double> trustAurocs = new ArrayList<>();
      List<Double> agentAurocs = new ArrayList<>();
      for (Map.Entry<String, Set<RiskFeatures.Group>> set : FEATURE_SETS.entrySet()) {
        RiskModel model = TreeFit.fit(train, set.getValue(), seed, "loco-" + corpus);
        List<Double> aurocs = new ArrayList<>();
        for (SeriesRows series : test) {
          double[] risks = new double[series.vectors().length];
          double[] trusts = new double[series.vectors().length];
          TrustScorer scorer = new TrustScorer(TrustSettings.defaults(), model);
          for (int k = 0; k < risks.length; k++) {
            TrustReading reading = scorer.evaluate(new SignalVector(series.vectors()[k]));
            risks[k] = reading.risk();
            trusts[k] = 1 - reading.trust();
          }
          double auroc = auroc(series, risks);
          addFinite(aurocs, auroc);
          if (Double.isFinite(auroc)) {
            bySeries
                .computeIfAbsent(set.getKey(), k -> new LinkedHashMap<>())
                .put(seriesKey(series), auroc);
          }
          if (set.getKey().equals("full")) {
            addFinite(trustAurocs, auroc(series, trusts));
            if (series.agentLabels().isPresent()) {
              addFinite(agentAurocs, auroc(series, series.agentLabels().get(), risks));
            }
          }
        }
        pooled.computeIfAbsent(set.getKey(), k -> new ArrayList<>()).addAll(aurocs);
        line.append(' ').append(interval(aurocs, seed)).append(" |");
      }
      Map<String, Double> logisticBySeries =
          aurocs(LogisticFit.fit(train, FEATURE_SETS.get("full"), seed, "loco-" + corpus), test);
      bySeries.computeIfAbsent(LOGISTIC, k -> new LinkedHashMap<>()).putAll(logisticBySeries);
      List<Double> logistic = new ArrayList<>(logisticBySeries.values());
      pooled.computeIfAbsent(LOGISTIC, k -> new ArrayList<>()).addAll(logistic);
      line.append(' ').append(interval(logistic, seed)).append(" |");
      pooledTrust.addAll(trustAurocs);
      pooledAgent.addAll(agentAurocs);
      line.append(' ').append(interval(trustAurocs, seed)).append(" |");
      line.append(' ').append(interval(agentAurocs, seed)).append(" |");
      lines.add(line.toString());
      progress.println("validated " + corpus);
      progress.flush();
    }
    lines.forEach(l -> table.append(l).append('\n'));
    table.append("| all (pooled) | ").append(rows.size()).append(" |");
    for (String set : FEATURE_SETS.keySet()) {
      table.append(' ').append(interval(pooled.get(set), seed)).append(" |");
    }
    table.append(' ').append(interval(pooled.get(LOGISTIC), seed)).append(" |");
    table.append(' ').append(interval(pooledTrust, seed)).append(" |");
    table.append(' ').append(interval(pooledAgent, seed)).append(" |\n");
    table.append(
        "\n| held out, paired over series | series | AUROC difference |\n|---|---:|---:|\n");
    for (String set : FEATURE_SETS.keySet()) {
      if (!set.equals("raw")) {
        table.append(paired(set + " - raw", bySeries.get(set), bySeries.get("raw"), seed));
      }
    }
    table.append(
        paired("full - full, logistic", bySeries.get("full"), bySeries.get(LOGISTIC), seed));
    return table.toString();
  }

  /**
   * A row of the mean difference of two feature sets' AUROCs over the series both score, with a 90%
   * bootstrap interval over those series: what the first adds to the second, held out.
   */
  private static String paired(
      String name, Map<String, Double> first, Map<String, Double> second, long seed) {
    List<Double> differences = new ArrayList<>();
    first.forEach(
        (series, auroc) -> {
          Double other = second.get(series);
          if (other != null) {
            differences.add(auroc - other);
          }
        });
    return "| " + name + " | " + differences.size() + " | " + interval(differences, seed) + " |\n";
  }

  private static final String LOGISTIC = "logistic";

  /** A held-out series' name in the paired comparisons: its corpus and its own name. */
  private static String seriesKey(SeriesRows series) {
    return series.corpus() + ":" + series.name();
  }

  /** Each test series' AUROC of the risk against the last-value labels, where it is defined. */
  private static Map<String, Double> aurocs(RiskModel model, List<SeriesRows> test) {
    Map<String, Double> aurocs = new LinkedHashMap<>();
    for (SeriesRows series : test) {
      double[] risks = new double[series.vectors().length];
      for (int k = 0; k < risks.length; k++) {
        risks[k] = model.risk(new SignalVector(series.vectors()[k]));
      }
      double auroc = auroc(series, risks);
      if (Double.isFinite(auroc)) {
        aurocs.put(seriesKey(series), auroc);
      }
    }
    return aurocs;
  }

  private static void addFinite(List<Double> list, double value) {
    if (Double.isFinite(value)) {
      list.add(value);
    }
  }

  private static double auroc(SeriesRows series, double[] perEvaluation) {
    return auroc(series, series.labels(), perEvaluation);
  }

  private static double auroc(SeriesRows series, ForecastLabels labels, double[] perEvaluation) {
    return ForecastScore.of(series.trace(perEvaluation), labels, series.judgedFrom(), FAR).auroc();
  }

  /** "0.612 [0.580, 0.641]": the mean and a 90% percentile bootstrap interval over series. */
  static String interval(List<Double> values, long seed) {
    if (values.isEmpty()) {
      return "–";
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    SplittableRandom random = new SplittableRandom(seed);
    double[] means = new double[RESAMPLES];
    for (int b = 0; b < RESAMPLES; b++) {
      double sum = 0;
      for (int i = 0; i < values.size(); i++) {
        sum += values.get(random.nextInt(values.size()));
      }
      means[b] = sum / values.size();
    }
    java.util.Arrays.sort(means);
    return String.format(
        Locale.ROOT,
        "%.3f [%.3f, %.3f]",
        mean,
        means[(int) (0.05 * RESAMPLES)],
        means[(int) (0.95 * RESAMPLES) - 1]);
  }

  /** Writes the artifact and its manifest into {@code dir} (core's resources). */
  public static void write(Path dir, Result result) throws IOException {
    List<String> notes = new ArrayList<>();
    notes.add(result.summary());
    notes.add(
        "leave-one-corpus-out validation (mean per-series AUROC against the last-value labels, the"
            + " last column against the agent's; the trees unless a column says logistic; 90%"
            + " bootstrap interval over series):");
    notes.addAll(List.of(result.table().split("\n")));
    result.model().writeTo(dir, notes);
  }
}
