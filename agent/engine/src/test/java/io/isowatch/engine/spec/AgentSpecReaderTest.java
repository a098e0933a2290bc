package io.isowatch.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.predict.HeadSettings;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.risk.TrainedOn;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.model.embed.Device;
import io.isowatch.model.embed.NumericLanguageModel;
import io.isowatch.model.encode.NumberFormat;
import io.isowatch.model.encode.Scaling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one reader of the agent's specification: every section it reads lands in the spec, the
 * sections of the command that runs the agent are left to it, and a value the core refuses is named
 * by its key path, in the core's words.
 */
class AgentSpecReaderTest {
  @TempDir Path folder;

  @Test
  void readsEveryAgentSectionOfAFile() throws Exception {
    Path file =
        write(
            "sources: [{type: jsonl, path: feeds.jsonl}]\n"
                + "model: {bundled: numeric-lm}\n"
                + "device: auto\n"
                + "encoder: {number-format: digits, separator: ' ; ',"
                + " scaling: {type: fixed, low: -1, high: 1.5}}\n"
                + "window: {length: 32, stride: 32, allowed-lateness: 5m, max-gap: PT1H,"
                + " max-pending: 7, max-ahead: 10m}\n"
                + "monitor: {window-cloud-capacity: 9, evaluate-every: 3, horizon: 2}\n"
                + "head: {bins: 8, binning: uniform, low: -1, high: 2, warm-up: 4,"
                + " learning-rate: 0.5, l2: 0}\n"
                + "trust: {false-alarm-rate: 0.1, calibration: 9, history: 40, delay: 3,"
                + " baseline: 8, pairs: 10, min-pairs: 6, error-lag: 2, confirm: 1,"
                + " clear-after: 2, cooldown: 0, max-signals: 7}\n"
                + "pipeline: {max-batch: 4, max-wait: 1500ms, queue-capacity: 10, max-feeds: 3}\n"
                + "metrics: {port: 0}\n"
                + "sinks: {console: false}\n"
                + "engine: {type: flink}\n");

    AgentSpec spec = AgentSpecReader.read(file);

    assertThat(spec)
        .isEqualTo(
            AgentSpec.builder()
                .model(ModelChoice.NUMERIC_LM)
                .device(Device.AUTO)
                .encoder(new EncoderSettings(NumberFormat.DIGITS, " ; ", Scaling.fixed(-1, 1.5)))
                .window(
                    WindowSpec.builder()
                        .length(32)
                        .stride(32)
                        .allowedLateness(Duration.ofMinutes(5))
                        .maxGap(Duration.ofHours(1))
                        .maxPending(7)
                        .maxAhead(Duration.ofMinutes(10))
                        .build())
                .windowCloudCapacity(9)
                .evaluateEvery(3)
                .horizon(2)
                .head(new HeadSettings(8, HeadSettings.Binning.UNIFORM, -1, 2, 4, 0.5, 0))
                .trust(new TrustSettings(0.1, 9, 40, 3, 8, 10, 6, 2, 1, 2, 0, 7))
                .batch(new BatchSettings(4, Duration.ofMillis(1500)))
                .build());
  }

  @Test
  void anEmptyFileIsTheDefaultSpecAndTheCalibrationFollowsTheRate() throws Exception {
    assertThat(AgentSpecReader.read(write("{}\n"))).isEqualTo(AgentSpec.defaults());
    // 1/0.01 - 1 = 99 scores to reach alpha, beyond the default calibration of 49
    assertThat(AgentSpecReader.read(write("trust: {false-alarm-rate: 0.01}\n")).trust())
        .isEqualTo(TrustSettings.defaults().withCalibration(99, 256).withFalseAlarmRate(0.01));
  }

  record Bad(String name, String yaml, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Bad> badSpecs() {
    return Stream.of(
        new Bad(
            "unknown top-level key",
            "trsut: {}",
            "trsut: unknown key (did you mean trust?); the configuration takes sources, model,"
                + " device, encoder, window, monitor, head, trust, pipeline, metrics, sinks,"
                + " engine"),
        new Bad(
            "unknown key in a section",
            "monitor: {horizn: 2}",
            "monitor.horizn: unknown key (did you mean horizon?); monitor takes"
                + " window-cloud-capacity, evaluate-every, horizon"),
        new Bad(
            "false-alarm rate out of the core's range",
            "trust: {false-alarm-rate: 0.7}",
            "trust.false-alarm-rate: must be in (0, 0.5), got 0.7"),
        new Bad(
            "false-alarm rate of zero",
            "trust: {false-alarm-rate: 0}",
            "trust.false-alarm-rate: must be in (0, 0.5), got 0.0"),
        new Bad(
            "a count the trust policy refuses",
            "trust: {min-pairs: 2}",
            "trust.min-pairs: must be in [4, trust.pairs=128], got 2"),
        new Bad(
            "the default stride longer than a short window",
            "window: {length: 4}",
            "window.stride: must be between 1 and window.length (4), got 8 (the default)"),
        new Bad(
            "a pending buffer of none",
            "window: {max-pending: 0}",
            "window.max-pending: must be between 1 and 1048576, got 0"),
        new Bad(
            "a horizon beyond what the monitor keeps",
            "monitor: {horizon: 64}",
            "monitor.horizon: must be in [1, 63], got 64"),
        new Bad("a head of one bin", "head: {bins: 1}", "head.bins: must be at least 2, got 1"),
        // the cross-field rules live in the core settings; the reader adds the key paths
        new Bad(
            "a calibration too short for the false-alarm rate",
            "trust: {false-alarm-rate: 0.05, calibration: 10}",
            "trust.calibration: must be at least 1 / trust.false-alarm-rate - 1 = 19 (a p-value"
                + " against n scores is at least 1 / (n + 1)), got 10"),
        new Bad(
            "a history shorter than the calibration",
            "trust: {calibration: 300, history: 280}",
            "trust.history: must be at least trust.calibration (300), got 280"),
        new Bad(
            "a head range upside down, high left at its default",
            "head: {binning: uniform, low: 2}",
            "head.high: must be finite and greater than head.low (2.0), got 1.5 (the default)"),
        new Bad(
            "a quantile warm-up shorter than two values a bin",
            "head: {bins: 16, warm-up: 20}",
            "head.warm-up: must be at least 2 x head.bins (32) for quantile binning, got 20"),
        new Bad(
            "a batch of none",
            "pipeline: {max-batch: 0}",
            "pipeline.max-batch: must be at least 1, got 0"),
        new Bad(
            "a batch longer than a feed's windows may wait",
            "pipeline: {max-batch: 5000}",
            "pipeline.max-batch: must be in [1, 4096], got 5000"),
        new Bad(
            "a negative wait",
            "pipeline: {max-wait: '-PT1S'}",
            "pipeline.max-wait: must not be negative, got -PT1S"),
        new Bad("not YAML", "window: [1, 2", "not valid YAML: line "));
  }

  /**
   * How far ahead the (default) numeric LM forecasts depends on its export: at most the steps of
   * the forecast queries its manifest.json names, else any horizon the monitor keeps, the model
   * asked nothing. (AgentModelHorizonTest checks both on an explicit manifest.)
   */
  @Test
  void aHorizonIsCheckedAgainstTheForecastQueriesTheBundledExportNames() throws Exception {
    Path file = write("monitor: {horizon: 49}\n");

    if (NumericLanguageModel.answersForecastQueries()) {
      assertThatThrownBy(() -> AgentSpecReader.read(file))
          .isInstanceOf(InputFormatException.class)
          .hasMessageStartingWith(
              file
                  + ": monitor.horizon: must be at most 48 with model isowatch-numeric-lm, whose"
                  + " forecast queries answer 1 to 48 steps ahead; got 49: set monitor.horizon to"
                  + " at most 48");
    } else {
      AgentSpec spec = AgentSpecReader.read(file);
      assertThat(spec.horizon()).isEqualTo(49);
      assertThat(spec.agentModel().horizon()).isEqualTo(49);
      assertThat(spec.agentModel().forecastQueries()).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSpecs")
  void aBadValueIsNamedByItsKeyPath(Bad bad) throws Exception {
    Path file = write(bad.yaml() + "\n");

    assertThatThrownBy(() -> AgentSpecReader.read(file))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith(file + ": " + bad.message());
  }

  /**
   * {@code trust.risk-model} names a folder that train-risk wrote, relative to the file: read and
   * checked against its manifest at start-up, so that a missing or altered artifact stops the agent
   * with what to do.
   */
  @Test
  void aRiskModelFolderIsReadAndCheckedAgainstItsManifest() throws Exception {
    RiskModel own = RiskModel.constant();
    Path dir = folder.resolve("own-risk");
    own.writeTo(dir, List.of());
    Path file = write("trust: {risk-model: own-risk}\n");

    assertThat(AgentSpecReader.read(file).riskModel())
        .isEqualTo(own)
        .isNotEqualTo(RiskModel.bundled());
    assertThat(AgentSpecReader.read(write("{}\n")).riskModel()).isSameAs(RiskModel.bundled());

    Files.writeString(dir.resolve(RiskModel.ARTIFACT_FILE), own.format() + "# edited\n");
    assertThatThrownBy(() -> AgentSpecReader.read(file))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith(
            file + ": trust.risk-model: " + dir + ": the risk model does not match its manifest");

    Path empty = Files.createDirectories(folder.resolve("empty"));
    Path pointsAtEmpty = write("trust: {risk-model: empty}\n");
    assertThatThrownBy(() -> AgentSpecReader.read(pointsAtEmpty))
        .isInstanceOf(InputFormatException.class)
        .hasMessage(
            pointsAtEmpty
                + ": trust.risk-model: "
                + empty
                + ": has no risk-model.txt; give the folder that `isowatch train-risk --out-dir`"
                + " wrote");
  }

  /** A risk model trained on another model's signals is refused at its key, with what to do. */
  @Test
  void aRiskModelTrainedOnAnotherModelIsRefusedAtItsKey() throws Exception {
    String minilm = ModelChoice.MINILM_INT8.manifest().label();
    RiskModel.constant()
        .trainedOn(new TrainedOn(minilm, 1))
        .writeTo(folder.resolve("minilm-risk"), List.of());
    Path file = write("trust: {risk-model: minilm-risk}\n");

    assertThatThrownBy(() -> AgentSpecReader.read(file))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith(
            file + ": trust.risk-model: was trained on the signals of " + minilm + " at")
        .hasMessageContaining("train-risk --model numeric-lm --out-dir DIR");
    Path matching = write("model: {bundled: minilm-int8}\ntrust: {risk-model: minilm-risk}\n");
    assertThat(AgentSpecReader.read(matching).riskModel().trainedOn())
        .contains(new TrainedOn(minilm, 1));
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = folder.resolve("missing.yaml");

    assertThatThrownBy(() -> AgentSpecReader.read(missing))
        .isInstanceOf(InputFormatException.class)
        .hasMessage("cannot read " + missing + ": no such file");
  }

  private Path write(String yaml) throws Exception {
    Path file = Files.createTempFile(folder, "isowatch", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
