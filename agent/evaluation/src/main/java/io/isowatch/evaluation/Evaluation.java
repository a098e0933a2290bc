package io.isowatch.evaluation;

import io.isowatch.evaluation.data.DatasetReader;
import io.isowatch.evaluation.data.DatasetSpec;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.data.Truth;
import io.isowatch.evaluation.detect.Baseline;
import io.isowatch.evaluation.detect.Trace;
import io.isowatch.evaluation.isowatch.IsowatchDetector;
import io.isowatch.evaluation.isowatch.TraceCache;
import io.isowatch.evaluation.score.ErrorEvents;
import io.isowatch.evaluation.score.ForecastScore;
import io.isowatch.evaluation.score.Forecaster;
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

/**
 * Runs isowatch and the baselines over datasets and scores them, series by series, then over each
 * corpus. Everything is deterministic: no step draws a random number, and series are read in path
 * order. The seed is recorded with the results for the parts that may come to need one.
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
  private final double far;
  private final long seed;
  private final Forecaster forecaster;
  private final PrintWriter progress;
  private final TraceCache cache;

  private Evaluation(Builder builder) {
    this.cache = builder.cache;
    this.isowatch = builder.isowatch;
    this.largeStride = builder.largeStride;
    this.far = builder.far;
    this.seed = builder.seed;
    this.forecaster = builder.forecaster;
    this.progress = builder.progress;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The detector names of a run, isowatch first, then its signals, then the baselines. */
  public List<String> detectorNames() {
    List<String> names = new ArrayList<>();
    if (isowatch != null) {
      names.addAll(IsowatchDetector.names());
    }
    for (Baseline baseline : Baseline.values()) {
      names.add(baseline.label());
    }
    return names;
  }

  /**
   * Evaluates every series of {@code specs} (at most {@code limitSeries} per dataset when
   * positive).
   *
   * @throws IOException if a dataset cannot be read
   */
  public EvaluationResult run(List<DatasetSpec> specs, int limitSeries) throws IOException {
    long start = System.nanoTime();
    List<String> names = detectorNames();
    Map<String, Aggregate> aggregates = new LinkedHashMap<>();
    names.forEach(name -> aggregates.put(name, new Aggregate()));
    List<SeriesResult> rows = new ArrayList<>();
    long embeddedBefore = isowatch == null ? 0 : isowatch.windowsEmbedded();
    for (DatasetSpec spec : specs) {
      List<LabelledSeries> series =
          DatasetReader.read(spec, limitSeries > 0 ? limitSeries : Integer.MAX_VALUE);
      log("%s: %d series", spec, series.size());
      for (LabelledSeries s : series) {
        long seriesStart = System.nanoTime();
        EvaluationProfile profile =
            EvaluationProfile.forLength(
                s.length(), largeStride, s.truth() instanceof Truth.AnnotatedChangePoints);
        Map<String, Trace> traces = new LinkedHashMap<>();
        if (isowatch != null) {
          traces.putAll(isowatchTraces(s, profile));
        }
        for (Baseline baseline : Baseline.values()) {
          traces.put(baseline.label(), baseline.run(s, profile.judgedFrom()));
        }
        rows.add(score(s, profile, traces, aggregates));
        log(
            "  %s (%d values): %.1f s",
            s.name(), s.length(), (System.nanoTime() - seriesStart) / 1e9);
      }
    }
    Map<String, Map<String, Double>> detectors = new LinkedHashMap<>();
    aggregates.forEach((name, aggregate) -> detectors.put(name, aggregate.metrics()));
    double seconds = (System.nanoTime() - start) / 1e9;
    long embedded = isowatch == null ? 0 : isowatch.windowsEmbedded() - embeddedBefore;
    return new EvaluationResult(
        specs.stream().map(DatasetSpec::toString).toList(),
        seed,
        far,
        largeStride,
        io.isowatch.evaluation.isowatch.IsowatchScore.trustAvailable(),
        detectors,
        rows,
        seconds,
        embedded);
  }

  private Map<String, Trace> isowatchTraces(LabelledSeries series, EvaluationProfile profile)
      throws IOException {
    if (cache == null) {
      return isowatch.run(series, profile);
    }
    java.util.Optional<Map<String, Trace>> cached = cache.get(series, profile);
    if (cached.isPresent()) {
      return cached.get();
    }
    Map<String, Trace> traces = isowatch.run(series, profile);
    cache.put(series, profile, traces);
    return traces;
  }

  private SeriesResult score(
      LabelledSeries series,
      EvaluationProfile profile,
      Map<String, Trace> traces,
      Map<String, Aggregate> aggregates) {
    Map<String, DetectorResult> results = new LinkedHashMap<>();
    ErrorEvents events =
        series.truth() instanceof Truth.ForecastError
            ? ErrorEvents.of(series.values(), forecaster, ErrorEvents.DEFAULT_HORIZON)
            : null;
    for (Map.Entry<String, Trace> entry : traces.entrySet()) {
      Trace trace = entry.getValue();
      Aggregate aggregate = aggregates.get(entry.getKey());
      Map<String, Double> metrics = new LinkedHashMap<>();
      Truth truth = series.truth();
      if (truth instanceof Truth.AnomalyWindows windows) {
        NabScore nab = NabScore.of(windows, trace.alarms());
        aggregate.add(nab);
        metrics.put("nab_raw", nab.raw());
        metrics.put("nab_tp", (double) nab.truePositives());
        metrics.put("nab_fp", (double) nab.falsePositives());
        metrics.put("nab_fn", (double) nab.falseNegatives());
      } else if (truth instanceof Truth.AnnotatedChangePoints annotated) {
        TcpdScore tcpd = TcpdScore.of(annotated.annotators(), trace.alarms(), series.length());
        aggregate.add(tcpd);
        metrics.put("tcpd_f1", tcpd.f1());
        metrics.put("tcpd_cover", tcpd.covering());
      } else if (truth instanceof Truth.ChangePoints points) {
        WindowedF1 skab = WindowedF1.of(points.points(), trace.alarms());
        aggregate.add(skab);
        metrics.put("skab_tp", (double) skab.truePositives());
        metrics.put("skab_fp", (double) skab.falsePositives());
        metrics.put("skab_fn", (double) skab.falseNegatives());
      } else if (truth instanceof Truth.ForecastError) {
        ForecastScore forecast =
            ForecastScore.of(trace.scores(), events, profile.judgedFrom(), far);
        aggregate.add(forecast);
        metrics.put("csv_auroc", forecast.auroc());
        metrics.put("csv_precision_at_far", forecast.precisionAtFar());
        metrics.put("csv_median_lead", forecast.medianLead());
        metrics.put("csv_onsets", (double) forecast.onsets());
      }
      results.put(entry.getKey(), new DetectorResult(metrics, trace.alarms().length));
    }
    return new SeriesResult(
        series.dataset(), series.name(), series.length(), series.repaired(), profile, results);
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
    private double far = DEFAULT_FAR;
    private long seed = DEFAULT_SEED;
    private Forecaster forecaster = Forecaster.lastValue();
    private PrintWriter progress;
    private TraceCache cache;

    private Builder() {}

    /** Where isowatch traces are kept between runs; none by default. */
    public Builder cache(TraceCache cache) {
      this.cache = cache;
      return this;
    }

    /** The isowatch detector; without one only the baselines run. */
    public Builder isowatch(IsowatchDetector isowatch) {
      this.isowatch = isowatch;
      return this;
    }

    /** Stride of the windows on long series (the short-series profiles keep theirs). */
    public Builder largeStride(int largeStride) {
      this.largeStride = largeStride;
      return this;
    }

    /** The false-alarm rate at which precision is measured on forecast-error series. */
    public Builder far(double far) {
      this.far = far;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The forecaster whose realized error defines the events of unlabelled series. */
    public Builder forecaster(Forecaster forecaster) {
      this.forecaster = forecaster;
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
      if (forecaster == null) {
        throw new IllegalArgumentException("forecaster must be set");
      }
      return new Evaluation(this);
    }
  }
}
