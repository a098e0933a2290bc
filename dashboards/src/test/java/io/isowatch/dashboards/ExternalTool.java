package io.isowatch.dashboards;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A program from a Debian package (promtool, amtool, prometheus, chromium) that a test runs. Where
 * it is missing the test is skipped, unless {@code ISOWATCH_REQUIRE_TOOLS} is set (CI sets it after
 * installing them), where a missing tool fails the test instead of hiding it.
 */
record ExternalTool(String name, Path path) {
  static final String REQUIRE_ENV = "ISOWATCH_REQUIRE_TOOLS";

  /** The tool on the PATH, or the test is skipped (or failed, under CI) naming its package. */
  static ExternalTool require(String name, String debianPackage) {
    Optional<Path> found = find(name);
    String missing =
        name + " not found on PATH: apt-get install " + debianPackage + " (see .ci/run)";
    if (found.isEmpty()) {
      if (System.getenv(REQUIRE_ENV) != null) {
        fail(missing + "; " + REQUIRE_ENV + " is set, so this is an error");
      }
      Assumptions.abort(missing);
    }
    return new ExternalTool(name, found.orElseThrow());
  }

  static Optional<Path> find(String name) {
    String pathVariable = System.getenv().getOrDefault("PATH", "");
    for (String folder : pathVariable.split(File.pathSeparator)) {
      Path candidate = Path.of(folder, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Runs the tool to its end (at most two minutes) and returns its exit status and output. */
  Result run(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
    return runWithEnvironment(workingDirectory, Map.of(), arguments);
  }

  /** Runs the tool as {@link #run} does, with {@code environment} added to this one's. */
  Result runWithEnvironment(
      Path workingDirectory, Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(path.toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not end in 2 minutes");
    }
    return new Result(
        String.join(" ", command), process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  /** What one run printed (standard output and error together) and how it ended. */
  record Result(String command, int exitStatus, String output) {
    boolean succeeded() {
      return exitStatus == 0;
    }

    @Override
    public String toString() {
      return command + " -> exit " + exitStatus + "\n" + output;
    }
  }
}
