package io.isowatch.kafkastreams;

import io.isowatch.connectors.json.ObservationJson;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * With {@code key-by: field}: re-keys each record by the feed its JSON names, ahead of the
 * repartition topic, and stamps where it was read. The value passes unchanged; a record whose feed
 * cannot be read keeps its key (or, without one, gets the empty key, since the repartition topic
 * drops records without a key) and is dead-lettered by the monitor step, which decodes it again.
 */
final class FeedRouter implements Processor<String, byte[], String, byte[]> {
  /** The key of records whose feed cannot be read and that came without a key. */
  static final String UNREADABLE = "";

  private final ObservationJson json;
  private ProcessorContext<String, byte[]> context;

  FeedRouter(ObservationJson json) {
    this.json = json;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    DeadLetterHeaders.stampSource(record.headers(), context.recordMetadata());
    String feed = record.key();
    if (record.value() != null) {
      ObservationJson.Decoded decoded =
          json.decode(
              new String(record.value(), StandardCharsets.UTF_8),
              Optional.ofNullable(record.key()));
      if (decoded instanceof ObservationJson.Decoded.Valid valid) {
        feed = valid.observation().feedId();
      }
    }
    // A record without a key must still reach the monitor step to be dead-lettered: the
    // repartition topic would drop it.
    context.forward(record.withKey(feed == null ? UNREADABLE : feed));
  }
}
