package io.isowatch.flink.kafka;

import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.flink.types.IsowatchTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a Kafka record as an observation in its JSON form ({@link ObservationJson}); the record
 * key, when there is one, names the feed of a value without a feed field. A record that cannot be
 * read becomes a {@link SourceEvent.Malformed} with its reason and the record's text, never an
 * exception: one bad record must not stop the job.
 */
public final class ObservationRecordDeserializer
    implements KafkaRecordDeserializationSchema<SourceEvent> {
  private static final long serialVersionUID = 1L;

  private transient ObservationJson json;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceEvent> out) {
    if (json == null) {
      json = ObservationJson.defaults();
    }
    Optional<String> key =
        Optional.ofNullable(record.key()).map(k -> new String(k, StandardCharsets.UTF_8));
    if (record.value() == null) {
      out.collect(malformed(RejectionReason.UNPARSABLE, key, "", "record has no value", record));
      return;
    }
    String text = new String(record.value(), StandardCharsets.UTF_8);
    ObservationJson.Decoded decoded = json.decode(text, key);
    if (decoded instanceof ObservationJson.Decoded.Valid valid) {
      out.collect(new SourceEvent.Parsed(valid.observation()));
    } else {
      ObservationJson.Decoded.Invalid invalid = (ObservationJson.Decoded.Invalid) decoded;
      out.collect(malformed(invalid.reason(), invalid.feedId(), text, invalid.detail(), record));
    }
  }

  private static SourceEvent malformed(
      RejectionReason reason,
      Optional<String> feed,
      String original,
      String detail,
      ConsumerRecord<byte[], byte[]> record) {
    String where = record.topic() + "-" + record.partition() + "@" + record.offset() + ": ";
    return new SourceEvent.Malformed(
        new Rejection(reason, feed, original, where + detail, Instant.now()));
  }

  @Override
  public TypeInformation<SourceEvent> getProducedType() {
    return IsowatchTypes.SOURCE_EVENT;
  }
}
