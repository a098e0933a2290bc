package io.isowatch.kafkastreams;

import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorRecipe;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A feed's monitor as the bytes of its own versioned snapshot ({@link FeedMonitor#snapshot()} and
 * {@link FeedMonitor#restore}): what the monitor store and its changelog hold. The recipe
 * (settings, forecast source, risk model) is not in the bytes; every instance of the application
 * must run with the same one.
 */
final class FeedMonitorSerde implements Serde<FeedMonitor> {
  private final MonitorRecipe recipe;

  FeedMonitorSerde(MonitorRecipe recipe) {
    this.recipe = Objects.requireNonNull(recipe, "recipe");
  }

  @Override
  public Serializer<FeedMonitor> serializer() {
    return (topic, monitor) -> monitor == null ? null : monitor.snapshot();
  }

  @Override
  public Deserializer<FeedMonitor> deserializer() {
    return (topic, bytes) -> bytes == null ? null : recipe.restore(bytes);
  }
}
