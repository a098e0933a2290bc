package io.isowatch.cli.command;

import io.isowatch.cli.config.AgentConfig;
import io.isowatch.cli.config.AgentSettings;
import io.isowatch.cli.config.Engine;
import io.isowatch.cli.config.EngineConfig;
import io.isowatch.cli.console.RunSummary;
import io.isowatch.cli.run.AgentAssembly;
import io.isowatch.cli.run.FlinkEngineRun;
import io.isowatch.cli.run.KafkaStreamsRun;
import io.isowatch.cli.run.SourceOpener;
import io.isowatch.connectors.file.ProgressListener;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.spec.InputFormatException;
import io.isowatch.engine.spec.OptionNames;
import io.isowatch.model.embed.ModelLoadException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code isowatch run}: the agent as a YAML configuration file describes it (sources, model,
 * encoder, windows, monitor, rule, engine, metrics, sinks); {@code --print-reference} prints the
 * file that documents every option. {@code --engine kafka-streams --bootstrap HOST:PORT --input
 * TOPIC} runs the Kafka Streams engine, with or without a file.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Runs the agent as a YAML configuration file describes it, until its sources end or"
            + " Ctrl-C; prints alerts as they fire and, at the end, a summary per feed. A"
            + " configuration error stops it at start with the key at fault (exit code 2).")
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  public Mode mode;

  @Mixin EngineOptions engineOptions = new EngineOptions();

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Port of the Prometheus endpoint /metrics; 0 picks a free one (default: the"
              + " configuration's metrics.port, else "
              + AgentSettings.DEFAULT_METRICS_PORT
              + ").")
  public Integer metricsPort;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      converter = ModelOption.class,
      description =
          "A bundled model in place of the configuration's model section, on any engine:"
              + " numeric-lm, minilm-int8 or minilm-fp32 (default: the configuration's"
              + " model.bundled, else the bundled default).")
  public ModelChoice model;

  @Option(
      names = "--metrics-host",
      paramLabel = "ADDRESS",
      description =
          "Address the Prometheus endpoint listens on; 0.0.0.0 for every interface (default: the"
              + " configuration's metrics.host, else 127.0.0.1).")
  public String metricsHost;

  /** Either a configuration to run or the reference to print. */
  public static final class Mode {
    @Option(
        names = "--config",
        paramLabel = "FILE",
        required = true,
        description = "The configuration file (YAML).")
    Path config;

    @Option(
        names = "--print-reference",
        required = true,
        description =
            "Print the reference configuration, every option commented with its default, and"
                + " exit.")
    boolean printReference;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (mode != null && mode.printReference) {
      out.print(AgentConfig.reference());
      out.flush();
      return 0;
    }
    Optional<Path> configFile = Optional.ofNullable(mode).map(m -> m.config);
    AgentConfig config =
        configFile.isPresent()
            ? AgentConfig.read(configFile.get(), engineOptions.engineType())
            : AgentConfig.parse("engine: {type: kafka-streams}", Path.of(""), key -> {});
    if (metricsPort != null) {
      try {
        config = config.withMetricsPort(metricsPort); // the range is AgentSettings'
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(),
            OptionNames.rename(e.getMessage(), Map.of("metricsPort", "--metrics-port")));
      }
    }
    if (metricsHost != null) {
      config = config.withMetricsHost(metricsHost);
    }
    if (model != null) {
      config = config.withModel(model);
    }
    // Without a file, the defaults: the embedded engine unless --engine says otherwise.
    EngineConfig engine =
        engineOptions.applyTo(
            configFile.isPresent() ? config.engine() : config.engine().withType(Engine.EMBEDDED));
    switch (engine.type()) {
      case KAFKA_STREAMS -> {
        KafkaStreamsRun.run(
            config.settings(), engine.kafkaStreams().settings(config.settings().pipeline()), out);
        return 0;
      }
      case FLINK -> {
        if (configFile.isEmpty()) {
          throw new ParameterException(
              spec.commandLine(),
              "Missing required argument: --config=FILE (the flink engine replays the jsonl"
                  + " sources of a configuration file)");
        }
        if (engineOptions.kafkaOptionsGiven()) {
          throw new ParameterException(
              spec.commandLine(),
              "--bootstrap, --input and --kafka-property need --engine kafka-streams");
        }
        if (engineOptions.parallelism < 1) {
          throw new InputFormatException(
              "--parallelism: must be at least 1, got " + engineOptions.parallelism);
        }
        return FlinkEngineRun.run(config, configFile.get(), engineOptions.parallelism, out);
      }
      case EMBEDDED -> {
        if (configFile.isEmpty()) {
          throw new ParameterException(
              spec.commandLine(),
              "Missing required argument: --config=FILE (the embedded engine runs the sources of"
                  + " a configuration file), or --engine kafka-streams");
        }
        if (engineOptions.kafkaOptionsGiven()) {
          throw new ParameterException(
              spec.commandLine(),
              "--bootstrap, --input and --kafka-property need --engine kafka-streams");
        }
        return runEmbedded(config, configFile.get(), out);
      }
      default -> throw new IllegalStateException("unknown engine " + engine.type());
    }
  }

  private Integer runEmbedded(AgentConfig config, Path file, PrintWriter out) throws Exception {
    List<ObservationSource> sources = open(config, file);
    try {
      config.model().requireFiles();
    } catch (InputFormatException e) {
      throw named(file, e.getMessage(), e);
    }
    try (AgentAssembly assembly = start(config, sources, out, file)) {
      out.printf(
          "isowatch run: %s, %d source%s, %s, window %d / stride %d%n",
          file,
          sources.size(),
          sources.size() == 1 ? "" : "s",
          assembly.embedder().describe(),
          config.settings().spec().window().length(),
          config.settings().spec().window().stride());
      for (ObservationSource source : sources) {
        out.println("  " + source.describe());
      }
      assembly.printStart(out);
      Duration took = assembly.run();
      out.printf(Locale.ROOT, "%nprocessed in %.1f s%n", took.toNanos() / 1e9);
      RunSummary.print(assembly.tally(), out);
    }
    return 0;
  }

  private static List<ObservationSource> open(AgentConfig config, Path file)
      throws InputFormatException {
    SourceOpener opener = new SourceOpener(AgentConfig.SOURCE_OPTION_NAMES, ProgressListener.NONE);
    List<ObservationSource> sources = new ArrayList<>();
    for (int i = 0; i < config.sources().size(); i++) {
      String where = file + ": sources[" + i + "]";
      sources.add(opener.open(config.sources().get(i), where, where + ".path"));
    }
    return sources;
  }

  /**
   * Starts the agent; a custom model that cannot be loaded as its section describes it (names that
   * do not match the graph, a file that is no model or no tokenizer) is a configuration error.
   */
  private static AgentAssembly start(
      AgentConfig config, List<ObservationSource> sources, PrintWriter out, Path file)
      throws InputFormatException {
    try {
      return AgentAssembly.start(config.settings(), sources, out, List.of());
    } catch (ModelLoadException | IllegalArgumentException | UncheckedIOException e) {
      if (!config.model().custom()) {
        throw e;
      }
      throw named(file, "model.custom: " + e.getMessage(), e);
    }
  }

  private static InputFormatException named(Path file, String message, Exception cause) {
    InputFormatException failure = new InputFormatException(file + ": " + message);
    failure.initCause(cause);
    return failure;
  }
}
