package io.isowatch.kafkastreams;

import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.core.monitor.MonitorRecipe;
import io.isowatch.engine.judge.OverlappingJudge;
import io.isowatch.engine.report.EngineListener;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * The engine's topology, one step a line:
 *
 * <pre>
 * input topics (key: feed id or anything, value: ObservationJson bytes)
 *   -> [key-by field: route-by-feed -> repartition "by-feed"]
 *   -> monitor (stores: feed monitor snapshots, observation tails, pending windows; batched
 *      embedding)
 *   -> alerts topic (AlertJson) | measures topic (optional) | dead-letter topic (RejectionJson +
 *      original bytes in headers)
 * </pre>
 *
 * The windowing is the core's ({@code FeedWindower} inside each monitor), not the DSL's.
 */
public final class IsowatchTopology {
  private IsowatchTopology() {}

  /**
   * Builds the topology; {@code model} gives each stream thread its own encoder and embedder,
   * {@code recipe} makes and restores each feed's monitor.
   */
  public static Topology build(
      StreamsEngineSettings settings,
      MonitorRecipe recipe,
      ObservationJson json,
      StreamThreadModels model,
      EngineListener listener) {
    StreamsBuilder builder = new StreamsBuilder();
    for (String store :
        List.of(
            FeedMonitorProcessor.MONITOR_STORE,
            FeedMonitorProcessor.PENDING_STORE,
            FeedMonitorProcessor.TAIL_STORE)) {
      // Logged: the changelogs are the truth a new instance restores. Cached: one value per key
      // and commit reaches them, not one per record.
      builder.addStateStore(
          Stores.keyValueStoreBuilder(
                  supplier(settings.stateStore(), store), Serdes.String(), Serdes.ByteArray())
              .withLoggingEnabled(Map.of())
              .withCachingEnabled());
    }

    // Judged one batch late: on only when the monitors keep two batches of windows waiting.
    boolean overlap =
        settings.overlapJudging()
            && OverlappingJudge.covers(
                recipe.settings().maxEmbeddingLag(), settings.batch().maxBatch());
    KStream<String, byte[]> observations =
        builder.stream(
            settings.inputTopics(),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("observations"));
    if (settings.keyBy() == KeyBy.FIELD) {
      observations =
          observations
              .process(() -> new FeedRouter(json), Named.as("route-by-feed"))
              .repartition(
                  Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("by-feed"));
    }
    KStream<String, Emitted> emitted =
        observations.process(
            () ->
                new FeedMonitorProcessor(
                    settings,
                    recipe,
                    json,
                    model.encoders(),
                    model.embedders(),
                    model.modelThreads(settings.batch()),
                    overlap,
                    listener),
            Named.as("monitor"),
            FeedMonitorProcessor.MONITOR_STORE,
            FeedMonitorProcessor.PENDING_STORE,
            FeedMonitorProcessor.TAIL_STORE);
    to(emitted, Emitted.Destination.ALERT, settings.alertsTopic(), "alerts");
    settings
        .measuresTopic()
        .ifPresent(topic -> to(emitted, Emitted.Destination.MEASURES, topic, "measures"));
    to(emitted, Emitted.Destination.DEAD_LETTER, settings.deadLetterTopic(), "dead-letters");
    return builder.build();
  }

  private static KeyValueBytesStoreSupplier supplier(StateStoreKind kind, String name) {
    return kind == StateStoreKind.IN_MEMORY
        ? Stores.inMemoryKeyValueStore(name)
        : Stores.persistentKeyValueStore(name);
  }

  private static void to(
      KStream<String, Emitted> emitted,
      Emitted.Destination destination,
      String topic,
      String name) {
    emitted
        .filter((feed, record) -> record.destination() == destination, Named.as("only-" + name))
        .mapValues(Emitted::json, Named.as("json-" + name))
        .to(topic, Produced.with(Serdes.String(), Serdes.String()).withName(name));
  }
}
