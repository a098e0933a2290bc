package io.isowatch.cli;

import io.isowatch.cli.config.AgentSettings;
import io.isowatch.cli.config.SinkSettings;
import io.isowatch.cli.run.AgentAssembly;
import io.isowatch.connectors.sink.RejectionJson;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.runtime.PipelineLimits;
import io.isowatch.testkit.hostile.EngineCounts;
import io.isowatch.testkit.hostile.HostileCorpus;
import io.isowatch.testkit.hostile.HostileVerdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded engine as {@code watch} assembles it (bundled model, metrics endpoint, dead-letter
 * file), running one source in a thread of its own while a test sends it the {@link HostileCorpus}
 * through the source's transport, then judged with {@link HostileVerdict}.
 */
final class HostileAgent implements AutoCloseable {
  /** The feed cap: the established feeds and 10 of the flood's 40 new feeds. */
  static final int FEED_CAP = 12;

  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final ObservationSource source;
  private final Path deadLetters;
  private final AgentAssembly assembly;
  private final Thread runner;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private HostileAgent(ObservationSource source, Path dir) throws Exception {
    this.source = source;
    this.deadLetters = dir.resolve("dead-letters.jsonl");
    AgentSettings settings =
        AgentSettings.builder()
            .metricsPort(0)
            .spec(
                AgentSpec.builder()
                    .window(WindowSpec.builder().length(16).stride(4).build())
                    .windowCloudCapacity(4)
                    .build())
            .limits(PipelineLimits.builder().maxFeeds(FEED_CAP).build())
            .sinks(new SinkSettings(false, Optional.empty(), deadLetters))
            .build();
    assembly =
        AgentAssembly.start(
            settings, List.of(source), new PrintWriter(new StringWriter()), List.of());
    runner =
        new Thread(
            () -> {
              try {
                assembly.run();
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "hostile agent");
    runner.start();
  }

  static HostileAgent start(ObservationSource source, Path dir) throws Exception {
    return new HostileAgent(source, dir);
  }

  /**
   * Waits until the metrics count every record of {@code corpus} as handled (or a generous deadline
   * passes), stops the source, lets the engine drain and judges what it counted and set aside.
   */
  HostileVerdict verdict(HostileCorpus corpus) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (runner.isAlive() && counts().handled() < corpus.size() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    source.close();
    runner.join(DEADLINE.toMillis());
    if (failure.get() != null) {
      throw new AssertionError("the agent stopped with a failure", failure.get());
    }
    if (runner.isAlive()) {
      throw new AssertionError("the agent did not stop after its source closed");
    }
    EngineCounts counts = counts();
    assembly.close();
    List<Rejection> letters =
        Files.exists(deadLetters)
            ? Files.readAllLines(deadLetters).stream().map(RejectionJson::fromLine).toList()
            : List.of();
    return HostileVerdict.judge(corpus, FEED_CAP, counts, letters);
  }

  private EngineCounts counts() throws Exception {
    HttpResponse<String> scrape =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + assembly.metricsPort() + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return EngineCounts.ofPrometheusText(scrape.body());
  }

  @Override
  public void close() throws Exception {
    source.close();
    runner.join(DEADLINE.toMillis());
    assembly.close();
  }
}
