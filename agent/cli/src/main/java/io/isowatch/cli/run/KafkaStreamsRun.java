package io.isowatch.cli.run;

import io.isowatch.cli.config.AgentSettings;
import io.isowatch.connectors.net.UnreachablePeerException;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.engine.model.AgentModel;
import io.isowatch.engine.spec.InputFormatException;
import io.isowatch.kafkastreams.ClientProperties;
import io.isowatch.kafkastreams.KafkaStreamsEngine;
import io.isowatch.kafkastreams.StreamsEngineSettings;
import io.isowatch.model.embed.OnnxEmbedder;
import io.isowatch.runtime.metrics.FalseAlarmRateMetric;
import io.isowatch.runtime.metrics.MetricsEndpoint;
import io.isowatch.runtime.metrics.PrometheusPipelineMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code isowatch run} with the Kafka Streams engine: loads the model once to check it and learn
 * its width, serves the metrics (the pipeline's and the Kafka Streams client's), starts the engine
 * and runs until Ctrl-C, which closes it cleanly (the open transaction is committed).
 */
public final class KafkaStreamsRun {
  /** Kafka's clients log every configuration at INFO; the command shows warnings and errors. */
  private static final String KAFKA_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.apache.kafka";

  private KafkaStreamsRun() {}

  /**
   * Runs until the JVM is asked to exit, or until the engine stops by itself.
   *
   * @throws InputFormatException for a port in use, a missing input topic or an unreachable
   *     cluster, naming it
   * @throws IllegalStateException when the engine stopped because a stream thread failed
   */
  public static void run(AgentSettings agent, StreamsEngineSettings settings, PrintWriter out)
      throws Exception {
    if (System.getProperty(KAFKA_LOG_LEVEL) == null) {
      System.setProperty(KAFKA_LOG_LEVEL, "warn");
    }
    try {
      KafkaStreamsEngine.requireReachable(settings); // in seconds, before the model loads
    } catch (UnreachablePeerException e) {
      throw new InputFormatException(e.getMessage());
    }
    AgentModel agentModel = agent.spec().agentModel();
    MonitorSettings monitor;
    String model;
    try (OnnxEmbedder probe = agentModel.newEmbedder()) {
      monitor = agent.spec().monitorSettings(probe.dimension());
      model = probe.describe();
    }
    PrometheusRegistry registry = new PrometheusRegistry();
    FalseAlarmRateMetric.register(registry, monitor.trust().falseAlarmRate());
    try (KafkaStreamsEngine engine =
            start(agentModel, settings, monitor, agent.spec().riskModel(), registry);
        MetricsEndpoint metrics =
            AgentAssembly.serveMetrics(registry, agent.metricsHost(), agent.metricsPort())) {
      out.printf(
          "isowatch run: engine kafka-streams, %s, window %d / stride %d%n",
          model, agent.spec().window().length(), agent.spec().window().stride());
      out.printf(
          "  %s -> alerts %s, dead letters %s%s%n",
          String.join(", ", settings.inputTopics()),
          settings.alertsTopic(),
          settings.deadLetterTopic(),
          settings.measuresTopic().map(t -> ", measures " + t).orElse(""));
      out.printf(
          "  bootstrap %s, application id %s, key by %s, exactly once (v2), %d thread%s%n",
          settings.bootstrapServers(),
          settings.applicationId(),
          settings.keyBy().label(),
          settings.threads(),
          settings.threads() == 1 ? "" : "s");
      if (!settings.clientProperties().isEmpty()) {
        out.println(
            "  kafka properties: " + ClientProperties.describe(settings.clientProperties()));
      }
      out.printf("metrics: http://localhost:%d/metrics%n", metrics.port());
      out.printf(
          Locale.ROOT,
          "memory per feed: %.1f KB of monitor state; at most %d live monitors per task%n",
          FeedMonitor.memoryBytes(monitor, agentModel.forecasts(monitor)) / 1024.0,
          settings.maxCachedMonitors());
      AgentAssembly.printRiskModel(agent.spec(), out);
      out.flush();
      Thread stopper = new Thread(engine::close, "isowatch shutdown");
      Runtime.getRuntime().addShutdownHook(stopper);
      engine.awaitStopped();
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException alreadyShuttingDown) {
        // Ctrl-C: the hook closes the engine.
      }
      if (engine.failure().isPresent()) {
        Throwable failure = engine.failure().get();
        throw new IllegalStateException(
            "the Kafka Streams engine stopped: " + failure.getMessage(), failure);
      }
    }
  }

  private static KafkaStreamsEngine start(
      AgentModel model,
      StreamsEngineSettings settings,
      MonitorSettings monitor,
      RiskModel riskModel,
      PrometheusRegistry registry)
      throws InputFormatException {
    try {
      return KafkaStreamsEngine.builder()
          .settings(settings)
          .model(model, monitor)
          .riskModel(riskModel)
          .listener(new PrometheusPipelineMetrics(registry))
          .metricsRegistry(registry)
          .start();
    } catch (IllegalArgumentException | UnreachablePeerException e) {
      InputFormatException failure = new InputFormatException(e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }
}
