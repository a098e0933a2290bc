package io.isowatch.dashboards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server a test starts (the agent, Prometheus): its output goes to a log file the failure
 * messages quote, and closing it stops the process, forcibly after five seconds.
 */
final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ChildProcess start(String name, List<String> command, Path folder) throws IOException {
    return start(name, new ProcessBuilder(command).directory(folder.toFile()), folder);
  }

  /** Starts a prepared process (its own directory and environment), logging into {@code logs}. */
  static ChildProcess start(String name, ProcessBuilder builder, Path logs) throws IOException {
    Path log = logs.resolve(name + ".log");
    Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    process.getOutputStream().close();
    return new ChildProcess(name, process, log);
  }

  /** Fails with the log's end if the process has already ended. */
  void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          name + " ended with status " + process.exitValue() + ":\n" + logTail());
    }
  }

  String logTail() {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * Asks the process to stop (SIGTERM, as {@code docker stop} does) and waits up to {@code grace};
   * kills it if it is still running then. True if it ended within the grace period.
   */
  boolean stopWithin(Duration grace) throws InterruptedException {
    process.destroy();
    if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      return true;
    }
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
    return false;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
