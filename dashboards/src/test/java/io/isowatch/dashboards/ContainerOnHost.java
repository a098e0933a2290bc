package io.isowatch.dashboards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's processes run on this host instead (no Docker engine here): its command, working
 * directory and environment as written, with the few things that only exist inside a container
 * replaced by host ones, each named by the test that adds it: a path (the jar the image copies, the
 * user's home), a published port, a service's network address. Everything else runs verbatim, so a
 * wrong entrypoint, argument, variable or health check fails here as it would in the container.
 */
final class ContainerOnHost {
  private final Map<String, String> replacements = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Pattern pattern;

  /** A path of the container (a file or a folder, whose descendants follow it) on the host. */
  ContainerOnHost path(String container, Path host) {
    return replace(container, host.toAbsolutePath().toString());
  }

  /** A port the container listens on, published on a host port. */
  ContainerOnHost port(int container, int host) {
    return replace(String.valueOf(container), String.valueOf(host));
  }

  /** {@code host:port} of another service of the stack, reachable here at {@code address}. */
  ContainerOnHost address(String container, String host) {
    return replace(container, host);
  }

  /** A variable the container's environment has (the image's ENV, compose's environment). */
  ContainerOnHost environment(Map<String, String> variables) {
    variables.forEach((name, value) -> environment.put(name, map(value)));
    return this;
  }

  private ContainerOnHost replace(String container, String host) {
    replacements.put(container, host);
    pattern = null;
    return this;
  }

  /**
   * {@code text} with every container path, port and address replaced in one pass (so a host path
   * is never mapped again). A port only matches as a whole number.
   */
  String map(String text) {
    if (pattern == null) {
      List<String> keys = new ArrayList<>(replacements.keySet());
      keys.sort(Comparator.comparingInt(String::length).reversed());
      List<String> alternatives = new ArrayList<>();
      for (String key : keys) {
        String quoted = Pattern.quote(key);
        alternatives.add(key.matches("[0-9]+") ? "(?<![0-9])" + quoted + "(?![0-9])" : quoted);
      }
      pattern = Pattern.compile(String.join("|", alternatives));
    }
    Matcher matcher = pattern.matcher(text);
    return matcher.replaceAll(m -> Matcher.quoteReplacement(replacements.get(m.group())));
  }

  List<String> map(List<String> arguments) {
    return arguments.stream().map(this::map).toList();
  }

  /**
   * {@code RUN mkdir -p ...} lines of the image (the folders it prepares for its user), made on the
   * host: a folder outside the mapped paths fails, since the process could not write it here.
   */
  void makeFolders(Dockerfile.Stage stage) throws IOException {
    Pattern mkdir = Pattern.compile("mkdir -p((?:\\s+/[^\\s&;|]+)+)");
    for (String run : stage.arguments("RUN")) {
      Matcher m = mkdir.matcher(run);
      while (m.find()) {
        for (String folder : m.group(1).trim().split("\\s+")) {
          String host = map(folder);
          if (host.equals(folder)) {
            throw new IllegalStateException("RUN mkdir -p " + folder + ": not a mapped path");
          }
          Files.createDirectories(Path.of(host));
        }
      }
    }
  }

  /** The host path of a container path that must be mapped (a working directory, a home). */
  Path hostPath(String container) {
    String host = map(container);
    if (host.equals(container)) {
      throw new IllegalStateException(container + " is not mapped to a host path");
    }
    return Path.of(host);
  }

  /**
   * The process a container starts for {@code command}: in {@code workdir}, with the environment a
   * container has (the host's PATH to find bash, HOME, then the variables given), nothing else of
   * the test's environment. {@code java} is the JVM running the tests: the image's is a Java 17
   * runtime first on its PATH, this is the build's Java 17 or newer.
   */
  ProcessBuilder process(List<String> command, Path workdir, Path home) {
    List<String> mapped = new ArrayList<>(map(command));
    if (mapped.get(0).equals("java")) {
      mapped.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
    ProcessBuilder builder = new ProcessBuilder(mapped).directory(workdir.toFile());
    Map<String, String> variables = builder.environment();
    String path = variables.getOrDefault("PATH", "/usr/bin:/bin");
    variables.clear();
    variables.put("PATH", path);
    variables.put("HOME", home.toString());
    variables.putAll(environment);
    return builder;
  }

  /**
   * Runs a {@code HEALTHCHECK} command as Docker does, inside the container: true if it exits 0
   * within the check's timeout (a check that times out counts as failed).
   */
  boolean healthy(Dockerfile.HealthCheck check, Path workdir, Path home, Path log)
      throws IOException, InterruptedException {
    Process process =
        process(check.command(), workdir, home)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    process.getOutputStream().close();
    if (!process.waitFor(check.seconds("timeout"), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
      return false;
    }
    return process.exitValue() == 0;
  }
}
