package io.isowatch.evaluation;

import io.isowatch.core.trust.TrustSettings;
import io.isowatch.evaluation.data.DatasetReader;
import io.isowatch.evaluation.data.DatasetSpec;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.data.SyntheticFeeds;
import io.isowatch.evaluation.data.Truth;
import io.isowatch.evaluation.detect.Baseline;
import io.isowatch.evaluation.detect.Trace;
import io.isowatch.evaluation.isowatch.IsowatchDetector;
import io.isowatch.evaluation.isowatch.MonitorRecording;
import io.isowatch.evaluation.isowatch.RecordingCache;
import io.isowatch.evaluation.isowatch.SignalTraces;
import io.isowatch.evaluation.label.ForecastLabels;
import io.isowatch.evaluation.label.Forecasts;
import io.isowatch.evaluation.label.LabelRule;
import io.isowatch.evaluation.label.LabelSets;
import io.isowatch.evaluation.metric.Bootstrap;
import io.isowatch.evaluation.metric.SeriesScores;
import io.isowatch.evaluation.sanity.SanityDetectors;
import io.isowatch.evaluation.score.ForecastScore;
import io.isowatch.evaluation.score.NabScore;
import io.isowatch.evaluation.score.TcpdScore;
import io.isowatch.evaluation.score.WindowedF1;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs isowatch, its signals alone, the baselines and the sanity detectors over datasets and scores
 * them all the same way, series by series, then over each dataset and the whole corpus with
 * bootstrap intervals. Every series is scored against its dataset's own labels (NAB, TCPD, SKAB)
 * and against the forecast-error labels of every forecaster that applies ({@link LabelSets}).
 * Deterministic for a given seed (the noise detector and the bootstrap draw from it); series are
 * read in path order.
 *
 * <pre>{@code
 * Evaluation evaluation = Evaluation.builder().isowatch(detector).far(0.05).build();
 * EvaluationResult result = evaluation.run(List.of(DatasetSpec.parse("nab:../NAB")), 0);
 * }</pre>
 */
public final class Evaluation {
  public static final double DEFAULT_FAR = 0.05;
  public static final long DEFAULT_SEED = 42;

  private final IsowatchDetector isowatch;
  private final int largeStride;
  private final TrustSettings trust;
  private final double far;
  private final long seed;
  private final LabelRule labelRule;
  private final int resamples;
  private final PrintWriter progress;
  private final RecordingCache cache;
  private final ScoresWriter scoresWriter;

  private Evaluation(Builder builder) {
    this.cache = builder.cache;
    this.isowatch = builder.isowatch;
    this.largeStride = builder.largeStride;
    this.trust = builder.trust;
    this.far = builder.far;
    this.seed = builder.seed;
    this.labelRule = builder.labelRule;
    this.resamples = builder.resamples;
    this.progress = builder.progress;
    this.scoresWriter = builder.scoresWriter;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The detector names of a run: isowatch and its signals, the baselines, the sanity rows. */
  public List<String> detectorNames() {
    List<String> names = new ArrayList<>();
    if (isowatch != null) {
      names.addAll(SignalTraces.names());
    }
    names.addAll(baselineNames());
    names.addAll(SanityDetectors.names());
    return names;
  }

  private static List<String> baselineNames() {
    List<String> names = new ArrayList<>();
    for (Baseline baseline : Baseline.values()) {
      names.add(baseline.label());
    }
    return names;
  }

  /**
   * Evaluates every series of {@code specs} (at most {@code limitSeries} per dataset when
   * positive).
   *
   * @throws IOException if a dataset cannot be read or a scores file cannot be written
   */
  public EvaluationResult run(List<DatasetSpec> specs, int limitSeries) throws IOException {
    int limit = limitSeries > 0 ? limitSeries : Integer.MAX_VALUE;
    List<Corpus> corpora = new ArrayList<>();
    for (DatasetSpec spec : specs) {
      corpora.add(new Corpus(spec.toString(), () -> DatasetReader.read(spec, limit)));
    }
    return run(corpora);
  }

  /**
   * Evaluates {@code count} synthetic feeds of a density and noise with injected changes ({@link
   * SyntheticFeeds}, seeded by {@code feedSeed}), each scored with NAB's scorer against windows
   * from its changes.
   *
   * @throws IOException if a scores file cannot be written
   */
  public EvaluationResult runSynthetic(
      int count, long feedSeed, SyntheticFeeds.Density density, SyntheticFeeds.Noise noise)
      throws IOException {
    return run(
        List.of(
            new Corpus(
                SyntheticFeeds.describe(count, feedSeed, density, noise),
                () -> SyntheticFeeds.generate(count, feedSeed, density, noise))));
  }

  /** Where a corpus' series come from, read only when its turn comes. */
  @FunctionalInterface
  private interface SeriesSource {
    List<LabelledSeries> read() throws IOException;
  }

  /** A named set of series, as the results name it. */
  private record Corpus(String name, SeriesSource source) {}

  private EvaluationResult run(List<Corpus> corpora) throws IOException {
    long start = System.nanoTime();
    Map<String, List<SeriesScores>> scores = new LinkedHashMap<>();
    detectorNames().forEach(name -> scores.put(name, new ArrayList<>()));
    List<SeriesResult> rows = new ArrayList<>();
    long embeddedBefore = isowatch == null ? 0 : isowatch.windowsEmbedded();
    for (Corpus corpus : corpora) {
      List<LabelledSeries> series = corpus.source().read();
      log("%s: %d series", corpus.name(), series.size());
      for (LabelledSeries s : series) {
        long seriesStart = System.nanoTime();
        rows.add(evaluate(s, scores));
        log(
            "  %s (%d values): %.1f s",
            s.name(), s.length(), (System.nanoTime() - seriesStart) / 1e9);
      }
    }
    Bootstrap.Result estimates =
        new Bootstrap(resamples, seed).run(scores, SignalTraces.ISOWATCH, baselineNames());
    Map<String, Bootstrap.Result> perDataset = new LinkedHashMap<>();
    for (String dataset : rows.stream().map(SeriesResult::dataset).distinct().toList()) {
      Map<String, List<SeriesScores>> subset = new LinkedHashMap<>();
      scores.forEach(
          (name, list) ->
              subset.put(name, list.stream().filter(s -> s.dataset().equals(dataset)).toList()));
      perDataset.put(
          dataset,
          new Bootstrap(resamples, seed).run(subset, SignalTraces.ISOWATCH, baselineNames()));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long embedded = isowatch == null ? 0 : isowatch.windowsEmbedded() - embeddedBefore;
    return new EvaluationResult(
        corpora.stream().map(Corpus::name).toList(),
        seed,
        far,
        largeStride,
        labelRule,
        estimates,
        perDataset,
        SanityDetectors.names(),
        rows,
        seconds,
        embedded);
  }

  private SeriesResult evaluate(LabelledSeries series, Map<String, List<SeriesScores>> scores)
      throws IOException {
    EvaluationProfile profile =
        EvaluationProfile.forLength(
                series.length(), largeStride, series.truth() instanceof Truth.AnnotatedChangePoints)
            .withTrust(trust);
    Map<String, Trace> traces = new LinkedHashMap<>();
    MonitorRecording recording = null;
    if (isowatch != null) {
      recording = recording(series, profile);
      traces.putAll(SignalTraces.of(series, profile, recording));
    }
    for (Baseline baseline : Baseline.values()) {
      traces.put(baseline.label(), baseline.run(series, profile.judgedFrom()));
    }
    traces.putAll(SanityDetectors.of(series, profile, recording, seed));
    if (scoresWriter != null) {
      scoresWriter.write(series, traces);
    }
    List<ForecastLabels> labels = new ArrayList<>();
    for (Forecasts forecasts :
        LabelSets.of(
            series.values(),
            recording == null ? null : recording.forecasts(),
            recording == null ? 1 : recording.horizon(),
            profile.stride(),
            series.forecastsIssued())) {
      labels.add(ForecastLabels.of(series.values(), forecasts, labelRule));
    }
    List<ForecastLabels> scored =
        labels.stream().filter(set -> set.judgedCount() >= labelRule.minLabelled()).toList();
    Map<String, DetectorResult> results = new LinkedHashMap<>();
    for (Map.Entry<String, Trace> entry : traces.entrySet()) {
      SeriesScores seriesScores = score(series, profile, scored, entry.getValue());
      scores.get(entry.getKey()).add(seriesScores);
      results.put(
          entry.getKey(),
          new DetectorResult(metrics(seriesScores), entry.getValue().alarms().length));
    }
    Map<String, SeriesResult.LabelSummary> summaries = new LinkedHashMap<>();
    for (ForecastLabels set : labels) {
      summaries.put(
          set.forecaster(),
          new SeriesResult.LabelSummary(
              set.horizon(), set.judgedCount(), set.eventCount(), scored.contains(set)));
    }
    return new SeriesResult(
        series.dataset(),
        series.name(),
        series.length(),
        series.repaired(),
        profile,
        summaries,
        results);
  }

  private MonitorRecording recording(LabelledSeries series, EvaluationProfile profile)
      throws IOException {
    if (cache == null) {
      return isowatch.run(series, profile);
    }
    Optional<MonitorRecording> cached = cache.get(series, profile);
    if (cached.isPresent()) {
      return cached.get();
    }
    MonitorRecording recording = isowatch.run(series, profile);
    cache.put(series, profile, recording);
    return recording;
  }

  private SeriesScores score(
      LabelledSeries series, EvaluationProfile profile, List<ForecastLabels> labels, Trace trace) {
    NabScore nab = null;
    TcpdScore tcpd = null;
    WindowedF1 skab = null;
    Truth truth = series.truth();
    if (truth instanceof Truth.AnomalyWindows windows) {
      nab = NabScore.of(windows, trace.alarms());
    } else if (truth instanceof Truth.AnnotatedChangePoints annotated) {
      tcpd = TcpdScore.of(annotated.annotators(), trace.alarms(), series.length());
    } else if (truth instanceof Truth.ChangePoints points) {
      skab = WindowedF1.of(points.points(), trace.alarms());
    }
    Map<String, ForecastScore> forecast = new LinkedHashMap<>();
    for (ForecastLabels set : labels) {
      forecast.put(
          set.forecaster(), ForecastScore.of(trace.scores(), set, profile.judgedFrom(), far));
    }
    return new SeriesScores(series.dataset(), nab, tcpd, skab, forecast);
  }

  /** One detector's numbers on one series, for the per-series rows. */
  private static Map<String, Double> metrics(SeriesScores scores) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (scores.nab() != null) {
      metrics.put("nab_raw", scores.nab().raw());
      metrics.put("nab_tp", (double) scores.nab().truePositives());
      metrics.put("nab_fp", (double) scores.nab().falsePositives());
      metrics.put("nab_fn", (double) scores.nab().falseNegatives());
    }
    if (scores.tcpd() != null) {
      metrics.put("tcpd_f1", scores.tcpd().f1());
      metrics.put("tcpd_cover", scores.tcpd().covering());
    }
    if (scores.skab() != null) {
      metrics.put("skab_tp", (double) scores.skab().truePositives());
      metrics.put("skab_fp", (double) scores.skab().falsePositives());
      metrics.put("skab_fn", (double) scores.skab().falseNegatives());
    }
    scores
        .forecast()
        .forEach(
            (label, score) -> {
              metrics.put("auroc:" + label, score.auroc());
              metrics.put("precision:" + label, score.precisionAtFar());
              metrics.put("onsets:" + label, (double) score.onsets());
            });
    return metrics;
  }

  private void log(String format, Object... args) {
    if (progress != null) {
      progress.println(String.format(Locale.ROOT, format, args));
      progress.flush();
    }
  }

  /** Builds an {@link Evaluation}; every option starts at its default. */
  public static final class Builder {
    private IsowatchDetector isowatch;
    private int largeStride = EvaluationProfile.DEFAULT_STRIDE;
    private TrustSettings trust = TrustSettings.defaults();
    private double far = DEFAULT_FAR;
    private long seed = DEFAULT_SEED;
    private LabelRule labelRule = LabelRule.DEFAULT;
    private int resamples = Bootstrap.DEFAULT_RESAMPLES;
    private PrintWriter progress;
    private RecordingCache cache;
    private ScoresWriter scoresWriter;

    private Builder() {}

    /** Where isowatch's recordings are kept between runs; none by default. */
    public Builder cache(RecordingCache cache) {
      this.cache = cache;
      return this;
    }

    /** The isowatch detector; without one only the baselines and the sanity rows run. */
    public Builder isowatch(IsowatchDetector isowatch) {
      this.isowatch = isowatch;
      return this;
    }

    /** Stride of the windows on long series (the short-series profiles keep theirs). */
    public Builder largeStride(int largeStride) {
      this.largeStride = largeStride;
      return this;
    }

    /**
     * The alarm policy's α, the probability that an evaluation of an unchanged feed breaches, for
     * isowatch's rules and the sanity rows that alarm through them (the agent's default otherwise):
     * {@link TrustSettings#forFalseAlarmRate}, so the calibration is the shortest that can reach α.
     *
     * @throws IllegalArgumentException unless α is in (0, 0.5)
     */
    public Builder falseAlarmRate(double alpha) {
      this.trust = TrustSettings.forFalseAlarmRate(alpha);
      return this;
    }

    /** The false-alarm rate at which precision is measured against forecast-error labels. */
    public Builder far(double far) {
      this.far = far;
      return this;
    }

    /** Seeds the noise detector and the bootstrap. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** How forecast errors become labels. */
    public Builder labelRule(LabelRule labelRule) {
      this.labelRule = labelRule;
      return this;
    }

    /** Bootstrap resamples of the series for the intervals. */
    public Builder resamples(int resamples) {
      this.resamples = resamples;
      return this;
    }

    /** Where every series' per-step scores go as CSV; none by default. */
    public Builder scores(ScoresWriter scoresWriter) {
      this.scoresWriter = scoresWriter;
      return this;
    }

    /** Where a line per series goes; none by default. */
    public Builder progress(PrintWriter progress) {
      this.progress = progress;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the option out of range
     */
    public Evaluation build() {
      if (largeStride < 1 || largeStride > 64) {
        throw new IllegalArgumentException(
            "stride must be between 1 and 64 (the long-series window), got " + largeStride);
      }
      if (!(far > 0 && far < 1)) {
        throw new IllegalArgumentException("far must be between 0 and 1 (exclusive), got " + far);
      }
      if (resamples < 1) {
        throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
      }
      if (labelRule == null) {
        throw new IllegalArgumentException("labelRule must be set");
      }
      return new Evaluation(this);
    }
  }
}
