package io.isowatch.kafkastreams;

import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.predict.SoftmaxSources;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A feed's monitor as the bytes of its own versioned snapshot ({@link FeedMonitor#snapshot()} and
 * {@link FeedMonitor#restore}): what the monitor store and its changelog hold. The settings and the
 * forecast source are not in the bytes; every instance of the application must run with the same
 * ones.
 */
final class FeedMonitorSerde implements Serde<FeedMonitor> {
  private final MonitorSettings settings;
  private final SoftmaxSources forecasts;

  FeedMonitorSerde(MonitorSettings settings, SoftmaxSources forecasts) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.forecasts = Objects.requireNonNull(forecasts, "forecasts");
  }

  @Override
  public Serializer<FeedMonitor> serializer() {
    return (topic, monitor) -> monitor == null ? null : monitor.snapshot();
  }

  @Override
  public Deserializer<FeedMonitor> deserializer() {
    return (topic, bytes) -> bytes == null ? null : FeedMonitor.restore(bytes, settings, forecasts);
  }
}
