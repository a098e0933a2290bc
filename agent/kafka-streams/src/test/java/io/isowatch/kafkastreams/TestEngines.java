package io.isowatch.kafkastreams;

import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.report.EngineListener;
import io.isowatch.model.embed.BundledModels;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The engine as the broker tests run it, in this JVM or in a child process ({@link Child}). */
final class TestEngines {
  static final Duration MAX_WAIT = Duration.ofMillis(100);

  private TestEngines() {}

  /**
   * Topics {@code NAME-in}, {@code NAME-alerts}, {@code NAME-dead}; application {@code app-NAME}.
   */
  static StreamsEngineSettings.Builder settings(String bootstrap, String name, Path stateDir) {
    return StreamsEngineSettings.builder()
        .bootstrapServers(bootstrap)
        .applicationId("app-" + name)
        .inputTopics(List.of(name + "-in"))
        .alertsTopic(name + "-alerts")
        .deadLetterTopic(name + "-dead")
        .measuresTopic(Optional.of(name + "-measures"))
        .batch(new BatchSettings(16, MAX_WAIT))
        .stateDir(Optional.of(stateDir))
        // a member that crashed leaves the group after 6 s (the broker's minimum), not 45 s
        .clientProperty("session.timeout.ms", "6000")
        .clientProperty("heartbeat.interval.ms", "1000");
  }

  /** Starts the engine with the bundled FP32 model and the test feeds' monitor settings. */
  static KafkaStreamsEngine start(
      StreamsEngineSettings settings, EngineListener listener, PrometheusRegistry registry) {
    return KafkaStreamsEngine.builder()
        .settings(settings)
        .monitorSettings(Feeds.MONITOR)
        .encoder(BundledModel::encoder)
        .embedder(() -> BundledModel.embedder(BundledModels.FP32))
        .listener(listener)
        .metricsRegistry(registry)
        .start();
  }

  /**
   * An engine in a JVM of its own, for a test to kill: {@code BOOTSTRAP NAME STATE_DIR}. It prints
   * {@code running} once its client runs and {@code observed N} after every 20 observations, and
   * runs until it is killed.
   */
  static final class Child {
    static final String RUNNING = "running";
    static final String OBSERVED = "observed ";

    public static void main(String[] args) throws Exception {
      StreamsEngineSettings settings = settings(args[0], args[1], Path.of(args[2])).build();
      EngineListener reporting =
          new EngineListener() {
            private int seen;

            @Override
            public void observed(String feedId) {
              if (++seen % 20 == 0) {
                System.out.println(OBSERVED + seen);
                System.out.flush();
              }
            }
          };
      KafkaStreamsEngine engine = start(settings, reporting, new PrometheusRegistry());
      if (!engine.awaitRunning(Duration.ofMinutes(5))) {
        System.exit(3);
      }
      System.out.println(RUNNING);
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }

    private Child() {}
  }
}
