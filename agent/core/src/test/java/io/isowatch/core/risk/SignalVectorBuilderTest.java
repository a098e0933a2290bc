package io.isowatch.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.raw.AutocorrelationReference;
import io.isowatch.core.raw.LevelShiftReference;
import io.isowatch.core.raw.RawFeatures;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SignalVectorBuilderTest {

  @Test
  void withNothingKnownEveryFeatureIsNeutralAndEveryMaskIsSet() {
    SignalVector x = new SignalVectorBuilder().vector(RawView.NONE, Map.of());
    assertThat(x.values()).hasSize(RiskFeatures.count());
    List<String> masks =
        List.of(
            RiskFeatures.RAW_MISSING,
            RiskFeatures.AGENT_ERROR_MISSING,
            RiskFeatures.TOKEN_MISSING,
            RiskFeatures.WINDOW_MISSING,
            RiskFeatures.DRIFT_MISSING,
            RiskFeatures.SURPRISE_MISSING);
    for (String mask : masks) {
      assertThat(x.get(mask)).as(mask).isEqualTo(1);
    }
    assertThat(Arrays.stream(x.values()).sum()).isEqualTo(masks.size());
  }

  /** A model signal's feature is the signed log1p of its robust z against its last 48 values. */
  @Test
  void aModelSignalEntersAsItsRobustZAgainstItsOwnRecentValues() {
    SignalVectorBuilder builder = new SignalVectorBuilder();
    SplittableRandom random = new SplittableRandom(1);
    double[] past = new double[60];
    for (int k = 0; k < past.length; k++) {
      past[k] = 0.3 + 0.01 * random.nextGaussian();
      builder.vector(RawView.NONE, Map.of("window_isoscore", past[k]));
    }
    double now = 0.36;
    SignalVector x = builder.vector(RawView.NONE, Map.of("window_isoscore", now));
    double[] last = Arrays.copyOfRange(past, past.length - 48, past.length);
    double median = median(last.clone());
    double[] deviations = Arrays.stream(last).map(v -> Math.abs(v - median)).toArray();
    double z = (now - median) / (1.4826 * median(deviations));
    double expected = Math.copySign(Math.log1p(Math.abs(z)), z);
    assertThat(x.get("window_isoscore_z")).isCloseTo(expected, within(1e-9));
    assertThat(x.get(RiskFeatures.WINDOW_MISSING)).isZero();
    assertThat(x.get(RiskFeatures.GEOMETRY_MAX)).isCloseTo(Math.abs(expected), within(1e-9));
    assertThat(x.get(RiskFeatures.TOKEN_MISSING)).isEqualTo(1);
  }

  private static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /**
   * The point of the z: two embedding models whose signal levels and spreads differ (a * s + b)
   * give the same features, so one risk model serves both.
   */
  @Test
  void modelSignalsDoNotDependOnTheirScaleOrLevel() {
    SignalVectorBuilder one = new SignalVectorBuilder();
    SignalVectorBuilder other = new SignalVectorBuilder();
    SplittableRandom random = new SplittableRandom(2);
    for (int k = 0; k < 100; k++) {
      Map<String, Double> a = new HashMap<>();
      Map<String, Double> b = new HashMap<>();
      for (String signal : RiskFeatures.DRIFT_SIGNALS) {
        double v = random.nextGaussian();
        a.put(signal, v);
        b.put(signal, 250 * v - 40);
      }
      SignalVector x = one.vector(RawView.NONE, a);
      SignalVector y = other.vector(RawView.NONE, b);
      for (int i = 0; i < RiskFeatures.count(); i++) {
        assertThat(y.get(i)).isCloseTo(x.get(i), within(1e-9));
      }
    }
  }

  @Test
  void theAgentErrorIsTheLogOfItsRatioToItsRecentMedian() {
    SignalVectorBuilder builder = new SignalVectorBuilder();
    for (int k = 0; k < 20; k++) {
      builder.vector(RawView.NONE, Map.of("realized_mase", 1.0 + (k % 2)));
    }
    // the 20 values alternate 1, 2: median 1.5
    SignalVector x = builder.vector(RawView.NONE, Map.of("realized_mase", 6.0));
    assertThat(x.get(RiskFeatures.AGENT_ERROR)).isCloseTo(Math.log(6 / 1.5), within(1e-12));
    assertThat(x.get(RiskFeatures.AGENT_ERROR_MISSING)).isZero();
  }

  @Test
  void rawFeaturesAreSquashedSoThatAFlatLinesHugeZStaysBounded() {
    RawFeatures raw = new RawFeatures(1e12, -3, 1, 0, 2, 4, 5, 1e-30, 2, 7);
    SignalVector x =
        new SignalVectorBuilder().vector(new RawView(Optional.of(raw), Optional.empty()), Map.of());
    assertThat(x.get("raw_value_z")).isCloseTo(Math.log1p(1e12), within(1e-9));
    assertThat(x.get("raw_change_z")).isCloseTo(-Math.log1p(3), within(1e-12));
    assertThat(x.get("raw_change_z_abs")).isCloseTo(Math.log1p(3), within(1e-12));
    assertThat(x.get("raw_volatility_ratio")).isZero();
    assertThat(x.get("raw_range_ratio")).isEqualTo(-SignalVectorBuilder.LOG_RATIO_BOUND);
    assertThat(x.get("raw_last_value_error")).isEqualTo(-SignalVectorBuilder.LOG_RATIO_BOUND);
    assertThat(x.get("raw_adwin")).isCloseTo(Math.log1p(7), within(1e-12));
    assertThat(x.get(RiskFeatures.RAW_MISSING)).isZero();
  }

  @Test
  void aRestoredBuilderContinuesIdentically() {
    SignalVectorBuilder builder = new SignalVectorBuilder();
    SplittableRandom random = new SplittableRandom(3);
    RawView raw = RawView.NONE;
    for (int k = 0; k < 300; k++) {
      builder.add(10 + random.nextGaussian());
      raw = builder.view();
      builder.vector(raw, Map.of("shift_common", random.nextGaussian()));
    }
    SnapshotWriter out = SnapshotWriter.start("test", 1);
    SignalVectorBuilderCodec.write(out, builder);
    SignalVectorBuilder copy = new SignalVectorBuilder();
    SnapshotReader in = SnapshotReader.open(out.toByteArray(), "test", 1);
    SignalVectorBuilderCodec.read(in, copy);
    in.finish();
    for (int k = 0; k < 50; k++) {
      double value = 10 + random.nextGaussian();
      Map<String, Double> signals = Map.of("shift_common", random.nextGaussian());
      copy.add(value);
      builder.add(value);
      RawView copied = copy.view();
      RawView original = builder.view();
      assertThat(copied.peakValueZ()).isEqualTo(original.peakValueZ());
      assertThat(copy.vector(copied, signals)).isEqualTo(builder.vector(original, signals));
    }
  }

  /**
   * The change statistic is the largest |value z| or |step z| of the newest {@value
   * SignalVectorBuilder#PEAK_WINDOW} views, recomputed here from the views' own z, or the |z| of
   * the newest 16 steps' scale, of the newest 32 values' lag-8 autocorrelation or of their median's
   * shift, all recomputed here from the values; NaN until the long history is full. A single spike
   * counts for {@value SignalVectorBuilder#PEAK_WINDOW} values by its value and step z, and for 16
   * by the scale of the steps it makes.
   */
  @Test
  void thePeakIsTheLargestValueStepStepScaleAutocorrelationOrLevelShiftZOverTheNewestValues() {
    SignalVectorBuilder builder = new SignalVectorBuilder();
    SplittableRandom random = new SplittableRandom(7);
    List<RawView> views = new ArrayList<>();
    double[] values = new double[400];
    for (int k = 0; k < values.length; k++) {
      values[k] = k == 350 ? 60 : 10 + random.nextGaussian();
      builder.add(values[k]);
      views.add(builder.view());
    }
    int window = SignalVectorBuilder.PEAK_WINDOW;
    for (int k = 0; k < views.size(); k++) {
      RawView view = views.get(k);
      if (view.longHistory().isEmpty()) {
        assertThat(view.peakValueZ()).isNaN();
        continue;
      }
      // recomputed from the features, which compute both z's their own way
      double expected = 0;
      for (int j = Math.max(0, k - window + 1); j <= k; j++) {
        expected =
            Math.max(
                expected,
                views
                    .get(j)
                    .longHistory()
                    .map(f -> Math.max(Math.abs(f.valueZ()), Math.abs(f.changeZ())))
                    .orElse(0.0));
      }
      expected = Math.max(expected, Math.abs(stepScaleZ(values, k)));
      double rhythm =
          AutocorrelationReference.z(
              values, k, SignalVectorBuilder.RAW_LONG_WINDOW, SignalVectorBuilder.RAW_MIN_HISTORY);
      if (!Double.isNaN(rhythm)) {
        expected = Math.max(expected, Math.abs(rhythm));
      }
      double level =
          LevelShiftReference.z(
              values, k, SignalVectorBuilder.RAW_LONG_WINDOW, SignalVectorBuilder.RAW_MIN_HISTORY);
      if (!Double.isNaN(level)) {
        expected = Math.max(expected, Math.abs(level));
      }
      assertThat(view.peakValueZ()).as("value %d", k).isCloseTo(expected, within(1e-9));
    }
    // the spike's value stands out while it is among the newest, then its step back down at 351,
    // then the scale of the newest 16 steps while they hold both of its steps
    assertThat(views.get(350 + window - 1).peakValueZ()).isGreaterThan(20);
    assertThat(views.get(351 + window - 1).peakValueZ()).isGreaterThan(10);
    assertThat(views.get(350 + 15).peakValueZ()).isGreaterThan(10);
    assertThat(views.get(351 + 16).peakValueZ()).isLessThan(10);
  }

  /**
   * The newest 16 steps' log variance ratio against the steps before them (at most 256 steps in
   * all, as the long channel holds), over its spread sqrt(2 / 15) for steps of one Gaussian scale.
   */
  private static double stepScaleZ(double[] values, int newest) {
    int held = Math.min(newest - 1, SignalVectorBuilder.RAW_LONG_WINDOW);
    double[] before = new double[held + 1 - 16];
    double[] recent = new double[16];
    for (int i = newest - held; i <= newest; i++) {
      double step = values[i] - values[i - 1];
      if (i > newest - 16) {
        recent[i - (newest - 15)] = step;
      } else {
        before[i - (newest - held)] = step;
      }
    }
    double ratio = variance(recent) / variance(before);
    return Math.max(-12, Math.min(12, Math.log(ratio))) / Math.sqrt(2.0 / 15);
  }

  private static double variance(double[] x) {
    double mean = java.util.Arrays.stream(x).average().orElseThrow();
    return java.util.Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
  }

  @Test
  void everyJudgedMonitorSignalHasAPlaceInTheVector() {
    for (io.isowatch.core.monitor.MonitorSignal signal :
        io.isowatch.core.monitor.MonitorSignal.values()) {
      if (!signal.judged()) {
        continue;
      }
      String label = signal.label();
      boolean placed =
          label.equals(RiskFeatures.AGENT_ERROR_SIGNAL)
              || RiskFeatures.names().contains(label + "_z");
      assertThat(placed).as(label).isTrue();
    }
  }
}
