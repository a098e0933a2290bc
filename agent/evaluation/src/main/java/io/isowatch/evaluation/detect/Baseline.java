package io.isowatch.evaluation.detect;

import io.isowatch.evaluation.data.LabelledSeries;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The baseline detectors on the raw values, each with documented default parameters that are the
 * same for every series (nothing is tuned on the labels). Each is given the number of warm-up
 * positions it may learn from before it may alarm: the same position at which isowatch starts to
 * judge, so that every detector is scored on the same stretch. The references that know nothing of
 * a series (never alarming, always alarming, time, noise) are {@code SanityDetectors}.
 */
public enum Baseline {
  PAGE_HINKLEY(PageHinkley::new),
  ADWIN(Adwin::new),
  CUSUM(Cusum::new),
  ROLLING_ZSCORE(RollingZScore::new);

  private final IntFunction<OnlineDetector> factory;

  Baseline(IntFunction<OnlineDetector> factory) {
    this.factory = factory;
  }

  /** The name in results: {@code page_hinkley}, {@code adwin}, {@code cusum}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A fresh detector that learns from the first {@code warmUp} values. */
  public OnlineDetector create(int warmUp) {
    return factory.apply(warmUp);
  }

  /** Runs a fresh detector over the whole series; its score is blank during the warm-up. */
  public Trace run(LabelledSeries series, int warmUp) {
    OnlineDetector detector = create(warmUp);
    TraceBuilder trace = new TraceBuilder(series.length(), warmUp);
    for (int i = 0; i < series.length(); i++) {
      OnlineDetector.Step step = detector.update(series.value(i));
      trace.score(i, step.score());
      if (step.alarm()) {
        trace.alarm(i);
      }
    }
    return trace.build();
  }
}
