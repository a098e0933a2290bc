package io.isowatch.cli.command;

import io.isowatch.cli.config.AgentSettings;
import io.isowatch.cli.config.SinkSettings;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.engine.spec.DurationText;
import io.isowatch.engine.spec.InputFormatException;
import io.isowatch.engine.spec.OptionNames;
import io.isowatch.engine.spec.RiskModelFolder;
import io.isowatch.runtime.metrics.MetricsEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The agent options that {@code demo} and {@code replay} share, declared once (a picocli mixin):
 * the bundled model and its device, the risk model, the window length and stride, how far ahead of
 * the clock a record may be, the metrics port, the dead-letter file and the alert receivers ({@link
 * ReceiverOptions}). {@link #settings} turns them into {@link AgentSettings}, rejecting values out
 * of range as usage errors that name the option.
 */
public final class PipelineOptions {
  public static final int DEFAULT_WINDOW = WindowSpec.DEFAULT_LENGTH;

  /**
   * demo and replay's own stride, half of {@link WindowSpec#DEFAULT_STRIDE}: their series are
   * short, and twice the windows warm a feed up within the demo's 2000 values.
   */
  public static final int DEFAULT_STRIDE = WindowSpec.DEFAULT_STRIDE / 2;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      converter = ModelOption.class,
      description = ModelOption.DESCRIPTION)
  ModelChoice model = ModelChoice.DEFAULT;

  @Mixin DeviceOption device;

  @Option(
      names = "--window",
      defaultValue = "" + DEFAULT_WINDOW,
      description = "Values per window (default: ${DEFAULT-VALUE}).")
  public int window;

  @Option(
      names = "--stride",
      defaultValue = "" + DEFAULT_STRIDE,
      description = "New values between windows (default: ${DEFAULT-VALUE}).")
  public int stride;

  @Option(
      names = "--max-ahead",
      paramLabel = "DURATION",
      defaultValue = "1h",
      description =
          "How far ahead of this machine's clock a record's time may be; later records are"
              + " dead-lettered as too_far_ahead, never taken as the feed's time (default:"
              + " ${DEFAULT-VALUE}).")
  public String maxAhead;

  @Option(
      names = "--metrics-port",
      defaultValue = "" + AgentSettings.DEFAULT_METRICS_PORT,
      description =
          "Port of the Prometheus endpoint /metrics; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  public int metricsPort;

  @Option(
      names = "--metrics-host",
      paramLabel = "ADDRESS",
      defaultValue = MetricsEndpoint.DEFAULT_HOST,
      description =
          "Address the Prometheus endpoint listens on; 0.0.0.0 for every interface"
              + " (default: ${DEFAULT-VALUE}).")
  public String metricsHost;

  @Option(
      names = "--dead-letters",
      paramLabel = "FILE",
      defaultValue = SinkSettings.DEFAULT_DEAD_LETTERS,
      description =
          "Where rejected records go, one JSON object per line (default: ${DEFAULT-VALUE}).")
  public Path deadLetters;

  @Option(
      names = "--false-alarm-rate",
      paramLabel = "ALPHA",
      description =
          "Probability that an evaluation of an unchanged feed breaches the trust threshold, in"
              + " (0, 0.5); the calibration grows to 1/ALPHA - 1 evaluations (default: 0.02, 0.05"
              + " for demo).")
  public Double falseAlarmRate;

  @Option(
      names = "--risk-model",
      paramLabel = "DIR",
      description =
          "Judge with the risk model that `isowatch train-risk --out-dir DIR` wrote (default: the"
              + " bundled one).")
  public Path riskModel;

  @Mixin ReceiverOptions receivers;

  /** The option that gives each settings field, to name it when the core refuses its value. */
  private static final Map<String, String> OPTION_NAMES =
      Map.of(
          "length", "--window",
          "stride", "--stride",
          "falseAlarmRate", "--false-alarm-rate",
          "metricsPort", "--metrics-port",
          "metricsHost", "--metrics-host",
          "riskModel", "--risk-model");

  /**
   * Settings with these options and every other field at its default.
   *
   * @throws ParameterException naming the option when a value is out of range
   */
  public AgentSettings.Builder settings(CommandSpec spec) {
    return settings(spec, TrustSettings.defaults().falseAlarmRate());
  }

  /** As {@link #settings(CommandSpec)}, with the false-alarm rate used when none is given. */
  public AgentSettings.Builder settings(CommandSpec spec, double defaultFalseAlarmRate) {
    Duration ahead = maxAhead(spec);
    double alpha = falseAlarmRate != null ? falseAlarmRate : defaultFalseAlarmRate;
    try {
      AgentSettings.Builder settings =
          AgentSettings.builder()
              .spec(
                  AgentSpec.builder()
                      .trust(TrustSettings.forFalseAlarmRate(alpha))
                      .riskModel(riskModel(spec))
                      .model(model)
                      .device(device.device())
                      .window(
                          WindowSpec.builder()
                              .length(window)
                              .stride(stride)
                              .maxAhead(ahead)
                              .build())
                      .build())
              .metricsPort(metricsPort)
              .metricsHost(metricsHost)
              .sinks(new SinkSettings(true, Optional.empty(), deadLetters, receivers.specs(spec)));
      settings.build(); // the ranges are the core's: checked now, to name the option at fault
      return settings;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          OptionNames.rename(
              e.getMessage().replace("trust falseAlarmRate", "falseAlarmRate"), OPTION_NAMES));
    }
  }

  private RiskModel riskModel(CommandSpec spec) {
    if (riskModel == null) {
      return RiskModel.bundled();
    }
    try {
      return RiskModelFolder.load(riskModel, "--risk-model");
    } catch (InputFormatException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Duration maxAhead(CommandSpec spec) {
    Duration ahead;
    try {
      ahead = DurationText.parse(maxAhead);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--max-ahead: " + e.getMessage());
    }
    if (ahead.isZero() || ahead.isNegative()) {
      throw new ParameterException(
          spec.commandLine(), "--max-ahead must be longer than zero, got " + maxAhead);
    }
    return ahead;
  }
}
