package io.isowatch.cli;

import io.isowatch.connectors.file.ProgressListener;
import io.isowatch.core.embed.ModelLoadException;
import io.isowatch.core.io.ObservationSource;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code isowatch run}: the agent as a YAML configuration file describes it (sources, model,
 * encoder, windows, monitor, rule, engine, metrics, sinks); {@code --print-reference} prints the
 * file that documents every option.
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

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  /** Which engine runs the agent. */
  enum Engine {
    EMBEDDED,
    FLINK
  }

  @Option(
      names = "--engine",
      defaultValue = "embedded",
      converter = EngineConverter.class,
      description =
          "embedded (the in-process engine, default) or flink (the Flink job on a local"
              + " MiniCluster; jsonl sources and the bundled models).")
  Engine engine;

  @Option(
      names = "--parallelism",
      defaultValue = "1",
      description = "Subtasks of the flink engine, each with its own model session (default: 1).")
  int parallelism;

  /** Reads an engine name in any case. */
  static final class EngineConverter implements picocli.CommandLine.ITypeConverter<Engine> {
    @Override
    public Engine convert(String value) {
      return Engine.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  /** Either a configuration to run or the reference to print. */
  static final class Mode {
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
    if (mode.printReference) {
      out.print(AgentConfig.reference());
      out.flush();
      return 0;
    }
    Path file = mode.config;
    AgentConfig config = AgentConfig.read(file);
    if (engine == Engine.FLINK) {
      if (parallelism < 1) {
        throw new InputFormatException("--parallelism: must be at least 1, got " + parallelism);
      }
      return FlinkEngineRun.run(config, file, parallelism, out);
    }
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
          config.settings().window().length(),
          config.settings().window().stride());
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
