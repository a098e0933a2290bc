package io.isowatch.evaluation.isowatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.evaluation.EvaluationProfile;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.data.Truth;
import io.isowatch.evaluation.detect.Trace;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.model.embed.OnnxEmbedder;
import io.isowatch.model.encode.TextSerializationEncoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real bundled model on a short seeded series (the tiny profile: ~280 windows of 24 values).
 */
class IsowatchDetectorTest {
  private static final EvaluationProfile PROFILE = EvaluationProfile.tiny(1);
  private static OnnxEmbedder embedder;
  private static TextSerializationEncoder encoder;
  private static IsowatchDetector detector;
  private static Map<String, Trace> traces;
  private static final List<String> seriesSeen = new ArrayList<>();
  private static final List<WindowVerdict> verdicts = new ArrayList<>();

  /** One run, shared by the tests: the model is the slow part. Batches of 7 leave a remainder. */
  @BeforeAll
  static void runOnce() {
    embedder = OnnxEmbedder.builder().manifest(BundledModels.INT8.manifest()).build();
    encoder =
        TextSerializationEncoder.builder()
            .tokenizer(BundledModels.INT8.manifest().tokenizer())
            .maxTokens(BundledModels.MAX_TOKENS)
            .build();
    VerdictListener listener =
        new VerdictListener() {
          @Override
          public void series(LabelledSeries series, String feedId) {
            seriesSeen.add(feedId);
          }

          @Override
          public void verdict(WindowVerdict verdict) {
            verdicts.add(verdict);
          }
        };
    detector = new IsowatchDetector(embedder, encoder, 7, listener);
    traces = SignalTraces.of(series(), PROFILE, detector.run(series(), PROFILE));
  }

  @AfterAll
  static void closeModel() {
    encoder.close();
    embedder.close();
  }

  private static LabelledSeries series() {
    Random random = new Random(3);
    double[] values = new double[300];
    Instant[] times = new Instant[300];
    for (int i = 0; i < values.length; i++) {
      double noise = random.nextGaussian() * (i >= 200 ? 8 : 1);
      values[i] = 100 + 10 * Math.sin(i / 5.0) + noise;
      times[i] = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * i);
    }
    return new LabelledSeries("test", "synthetic", values, times, new Truth.ForecastError(), 0);
  }

  @Test
  void tracesEveryDetectorOverTheWholeSeriesAndJudgesOnlyAfterTheWarmUp() {
    assertThat(traces.keySet()).containsExactlyElementsOf(IsowatchDetector.names());
    // one window per value once the first 24 are in
    assertThat(detector.windowsEmbedded()).isEqualTo(300 - 24 + 1);
    int judgedFrom = PROFILE.judgedFrom();
    for (Map.Entry<String, Trace> entry : traces.entrySet()) {
      Trace trace = entry.getValue();
      assertThat(trace.length()).as(entry.getKey()).isEqualTo(300);
      assertThat(Arrays.stream(trace.scores(), 0, judgedFrom).allMatch(Double::isNaN))
          .as(entry.getKey())
          .isTrue();
      // every signal gets a score once it has a baseline: no row is never_alarms by construction
      assertThat(Arrays.stream(trace.scores()).anyMatch(Double::isFinite))
          .as(entry.getKey() + " has a score somewhere")
          .isTrue();
      assertThat(Arrays.stream(trace.alarms()).min().orElse(judgedFrom))
          .as(entry.getKey())
          .isGreaterThanOrEqualTo(judgedFrom);
    }
    // some signal moved away from its warm-up baseline after the judged start
    assertThat(Arrays.stream(traces.get(IsowatchDetector.NAME).scores()).max().orElseThrow())
        .isGreaterThan(0);
  }

  @Test
  void theScoreIsOneLessTheTrustScoreTheMonitorReported() {
    double[] isowatch = traces.get(IsowatchDetector.NAME).scores();
    LabelledSeries series = series();
    int checked = 0;
    for (WindowVerdict verdict : verdicts) {
      Double trust = verdict.signals().get(MonitorSignal.TRUST_SCORE);
      int index = series.indexAtOrBefore(verdict.window().lastEventTime());
      if (trust == null || !Double.isFinite(trust) || index < PROFILE.judgedFrom()) {
        continue;
      }
      assertThat(isowatch[index]).as("position %d", index).isCloseTo(1 - trust, within(1e-12));
      checked++;
    }
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void theListenerSeesEveryVerdictUnderTheDatasetQualifiedFeedId() {
    assertThat(seriesSeen).containsExactly("test:synthetic");
    assertThat((long) verdicts.size()).isEqualTo(detector.windowsEmbedded());
    assertThat(verdicts)
        .allSatisfy(v -> assertThat(v.window().feedId()).isEqualTo("test:synthetic"));
    // isowatch's alarms are the positions of the FIRING alerts the listener saw, once per alert id
    LabelledSeries series = series();
    Set<String> ids = new HashSet<>();
    List<Integer> expected = new ArrayList<>();
    for (WindowVerdict verdict : verdicts) {
      int index = series.indexAtOrBefore(verdict.window().lastEventTime());
      for (Alert alert : verdict.alerts()) {
        if (alert.state() == AlertState.FIRING
            && ids.add(alert.id())
            && index >= PROFILE.judgedFrom()
            && (expected.isEmpty() || expected.get(expected.size() - 1) < index)) {
          expected.add(index);
        }
      }
    }
    assertThat(traces.get(IsowatchDetector.NAME).alarms())
        .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
  }
}
