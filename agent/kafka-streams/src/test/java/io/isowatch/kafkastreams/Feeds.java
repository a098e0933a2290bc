package io.isowatch.kafkastreams;

import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.connectors.sink.AlertJson;
import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.embed.Embedder;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorRecipe;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.model.AgentModel;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.model.embed.Device;
import io.isowatch.runtime.EmbeddedPipeline;
import io.isowatch.runtime.PipelineSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small test data: synthetic feeds with a regime change each (the generator's default schedule),
 * short windows and a touchy trust policy so that a few hundred observations per feed raise alerts,
 * and the reference alerts of the same observations through the in-process engine.
 */
final class Feeds {
  static final WindowSpec WINDOW = WindowSpec.builder().length(32).stride(8).build();
  static final MonitorSettings MONITOR =
      MonitorSettings.builder()
          .window(WINDOW)
          .width(BundledModels.HIDDEN_WIDTH)
          .windowCloudCapacity(6)
          .evaluateEvery(1)
          // a touchy trust policy (alpha 0.2, short calibration) so that 400 values raise alerts
          .trust(new TrustSettings(0.2, 4, 16, 1, 8, 8, 4, 2, 1, 1, 0, 32))
          .build();

  private Feeds() {}

  /** The observations of {@code feeds} synthetic feeds, interleaved as the generator emits them. */
  static List<Observation> observations(int feeds, long length, long seed) {
    SyntheticFeed feed = SyntheticFeed.builder().feeds(feeds).length(length).seed(seed).build();
    List<Observation> observations = new ArrayList<>();
    try {
      feed.run(
          event -> {
            if (event instanceof SourceEvent.Parsed parsed) {
              observations.add(parsed.observation());
            }
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return observations;
  }

  static String json(Observation observation) {
    return ObservationJson.defaults().encode(observation);
  }

  /** What the in-process engine alerts on the same observations, with the same model. */
  static List<Alert> referenceAlerts(
      List<Observation> observations, WindowEncoder encoder, Embedder embedder) throws Exception {
    List<Alert> alerts = new ArrayList<>();
    ObservationSource source =
        new ObservationSource() {
          @Override
          public void run(java.util.function.Consumer<SourceEvent> downstream) {
            observations.forEach(o -> downstream.accept(new SourceEvent.Parsed(o)));
          }

          @Override
          public String describe() {
            return "test observations";
          }
        };
    try (EmbeddedPipeline pipeline =
        EmbeddedPipeline.builder()
            .source(source)
            .encoder(encoder)
            .embedder(embedder)
            .monitorSettings(MONITOR)
            .settings(PipelineSettings.defaults())
            .alertSink(alerts::add)
            .deadLetterSink(rejection -> {})
            .build()) {
      pipeline.run();
    }
    return alerts;
  }

  /**
   * The verdict of every window, from the core alone: one monitor per feed, each window embedded on
   * its own as soon as it is complete. What any engine must reproduce.
   */
  static List<WindowVerdict> directVerdicts(
      List<Observation> observations, WindowEncoder encoder, Embedder embedder) {
    return directVerdicts(observations, encoder, embedder, MonitorRecipe.onlineHead(MONITOR));
  }

  /** As above, with the monitor settings, forecast source and risk model of {@code recipe}. */
  static List<WindowVerdict> directVerdicts(
      List<Observation> observations,
      WindowEncoder encoder,
      Embedder embedder,
      MonitorRecipe recipe) {
    Map<String, FeedMonitor> monitors = new LinkedHashMap<>();
    List<WindowVerdict> verdicts = new ArrayList<>();
    for (Observation observation : observations) {
      FeedMonitor monitor = monitors.computeIfAbsent(observation.feedId(), recipe::create);
      for (Window window : monitor.accept(observation).windows()) {
        Embedding embedding = embedder.embed(List.of(encoder.encode(window.values()))).get(0);
        verdicts.add(monitor.onEmbedded(window, embedding));
      }
    }
    return verdicts;
  }

  /**
   * The measures-topic lines of every evaluated window, from the core alone ({@link
   * #directVerdicts}): what the engine's measures topic must hold.
   */
  static List<String> directMeasures(
      List<Observation> observations,
      WindowEncoder encoder,
      Embedder embedder,
      MonitorRecipe recipe) {
    return directVerdicts(observations, encoder, embedder, recipe).stream()
        .filter(verdict -> !verdict.signals().isEmpty())
        .map(MeasuresJson::toLine)
        .toList();
  }

  /** A bundled model as the engines build it (text options at their defaults), on two threads. */
  static AgentModel model(ModelChoice choice) {
    return AgentModel.bundled(choice, Device.CPU, 2, EncoderSettings.defaults());
  }

  /** {@link #MONITOR} for the window vectors of {@code model}. */
  static MonitorSettings monitor(AgentModel model) {
    return MONITOR.toBuilder().width(model.width().orElseThrow()).build();
  }

  /** What identifies one alert message, without its wall-clock stamp. */
  record AlertKey(
      String id, String feedId, AlertState state, Severity severity, Instant from, Instant to) {
    static AlertKey of(Alert alert) {
      return new AlertKey(
          alert.id(), alert.feedId(), alert.state(), alert.severity(), alert.from(), alert.to());
    }

    static AlertKey ofJson(String json) {
      return of(AlertJson.fromLine(json));
    }

    static List<AlertKey> of(Collection<Alert> alerts) {
      return alerts.stream().map(AlertKey::of).toList();
    }
  }
}
