package io.isowatch.cli;

import io.isowatch.cli.command.DemoCommand;
import io.isowatch.cli.command.EvaluateCommand;
import io.isowatch.cli.command.ForecastAccuracyCommand;
import io.isowatch.cli.command.GeometryCommand;
import io.isowatch.cli.command.ReplayCommand;
import io.isowatch.cli.command.RunCommand;
import io.isowatch.cli.command.TrainRiskCommand;
import io.isowatch.cli.command.WatchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code isowatch} command. It only gathers the subcommands; each does its own work.
 *
 * <p>Exit codes: 0 on success, 2 for a usage error or bad input (the message on standard error,
 * nothing on standard output), 1 for an unexpected failure.
 */
@Command(
    name = "isowatch",
    mixinStandardHelpOptions = true,
    versionProvider = IsowatchCommand.ManifestVersion.class,
    description = "Watches the geometry of embedding clouds.",
    subcommands = {
      DemoCommand.class,
      ReplayCommand.class,
      RunCommand.class,
      WatchCommand.class,
      EvaluateCommand.class,
      ForecastAccuracyCommand.class,
      GeometryCommand.class,
      TrainRiskCommand.class
    })
public final class IsowatchCommand {
  /** Exit code for input the command cannot use; the same as picocli's usage errors. */
  public static final int EXIT_BAD_INPUT = CommandLine.ExitCode.USAGE;

  /**
   * The tokenizer library probes for a GPU it never uses, twice, and warns each time the probe
   * fails; the embedder already says which device it runs on (and warns once when CUDA was asked
   * for and is missing). Its level can still be set with this property.
   */
  static final String GPU_PROBE_LOG_LEVEL = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";

  public static void main(String[] args) {
    if (System.getProperty(GPU_PROBE_LOG_LEVEL) == null) {
      System.setProperty(GPU_PROBE_LOG_LEVEL, "error");
    }
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; set its out and err writers before executing it in a test. */
  public static CommandLine commandLine() {
    return new CommandLine(new IsowatchCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new InputErrorHandler());
  }

  /** The Implementation-Version of the jar's manifest, or "dev" outside a versioned jar. */
  static final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = IsowatchCommand.class.getPackage().getImplementationVersion();
      return new String[] {"isowatch " + (version == null ? "dev" : version)};
    }
  }
}
