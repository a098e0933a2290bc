package io.isowatch.dashboards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server a test starts (the agent, Prometheus, a script): its output goes to a log file the
 * failure messages quote, and closing it stops the process and every process it started, forcibly
 * after five seconds. The descendants matter for scripts: a shell's pipeline (the compose
 * producer's {@code awk | kafka-console-producer.sh}) outlives a stopped shell, reparented, and a
 * console producer whose broker is gone retries for ever.
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
    // taken before the process ends: its children are its descendants only while it lives
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    boolean ended = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
    if (!ended) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    for (ProcessHandle descendant : descendants) {
      try {
        descendant.onExit().get(5, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        descendant.destroyForcibly();
      }
    }
    return ended;
  }

  @Override
  public void close() throws InterruptedException {
    stopWithin(Duration.ofSeconds(5));
  }
}
