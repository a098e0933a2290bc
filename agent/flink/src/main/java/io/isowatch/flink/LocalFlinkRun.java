package io.isowatch.flink;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.io.AlertSink;
import io.isowatch.core.io.DeadLetterSink;
import io.isowatch.engine.spec.AgentSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The job on a MiniCluster in this JVM, replaying JSON Lines files: what {@code isowatch run
 * --engine flink} runs. Alerts and dead letters come back to this process and go to the caller's
 * sinks as they arrive.
 */
public final class LocalFlinkRun {
  private LocalFlinkRun() {}

  /** What a run handed to the sinks. */
  public record Counts(long alerts, long deadLetters, Duration took) {}

  /**
   * Runs until the files are replayed.
   *
   * @param parallelism subtasks of every operator, each with its own ONNX session
   */
  public static Counts run(
      List<Path> files,
      AgentSpec settings,
      int parallelism,
      List<AlertSink> alertSinks,
      DeadLetterSink deadLetterSink)
      throws Exception {
    return run(
        files,
        settings,
        parallelism,
        IsowatchTopology.DEFAULT_MAX_FEEDS,
        alertSinks,
        deadLetterSink);
  }

  /**
   * Runs until the files are replayed.
   *
   * @param parallelism subtasks of every operator, each with its own ONNX session
   * @param maxFeeds feeds one subtask tracks at most; records of further feeds are dead-lettered
   */
  public static Counts run(
      List<Path> files,
      AgentSpec settings,
      int parallelism,
      int maxFeeds,
      List<AlertSink> alertSinks,
      DeadLetterSink deadLetterSink)
      throws Exception {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
    IsowatchTopology.Outputs outputs =
        IsowatchTopology.build(JsonlFiles.events(env, files), settings, maxFeeds);
    long start = System.nanoTime();
    long alerts = 0;
    AtomicLong deadLetters = new AtomicLong();
    AtomicReference<Exception> deadLetterFailure = new AtomicReference<>();
    try (CloseableIterator<Alert> alertIterator = outputs.alerts().collectAsync();
        CloseableIterator<Rejection> deadLetterIterator = outputs.deadLetters().collectAsync()) {
      env.executeAsync("isowatch " + files.size() + " file(s)");
      // Both outputs are read at once: the job blocks on a collect buffer nobody empties.
      Thread deadLetterReader =
          new Thread(
              () -> {
                try {
                  while (deadLetterIterator.hasNext()) {
                    deadLetterSink.accept(deadLetterIterator.next());
                    deadLetters.incrementAndGet();
                  }
                } catch (Exception e) {
                  deadLetterFailure.set(e);
                }
              },
              "isowatch dead letters");
      deadLetterReader.start();
      while (alertIterator.hasNext()) {
        Alert alert = alertIterator.next();
        for (AlertSink sink : alertSinks) {
          sink.send(alert);
        }
        alerts++;
      }
      deadLetterReader.join();
    }
    if (deadLetterFailure.get() != null) {
      throw deadLetterFailure.get();
    }
    for (AlertSink sink : alertSinks) {
      sink.flush();
    }
    deadLetterSink.flush();
    return new Counts(alerts, deadLetters.get(), Duration.ofNanos(System.nanoTime() - start));
  }
}
