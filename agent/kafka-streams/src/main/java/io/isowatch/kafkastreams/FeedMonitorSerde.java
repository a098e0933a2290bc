package io.isowatch.kafkastreams;

import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A feed's monitor as the bytes of its own versioned snapshot ({@link FeedMonitor#snapshot()} and
 * {@link FeedMonitor#restore}): what the monitor store and its changelog hold. The settings are not
 * in the bytes; every instance of the application must run with the same ones.
 */
final class FeedMonitorSerde implements Serde<FeedMonitor> {
  private final MonitorSettings settings;

  FeedMonitorSerde(MonitorSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public Serializer<FeedMonitor> serializer() {
    return (topic, monitor) -> monitor == null ? null : monitor.snapshot();
  }

  @Override
  public Deserializer<FeedMonitor> deserializer() {
    return (topic, bytes) -> bytes == null ? null : FeedMonitor.restore(bytes, settings);
  }
}
