package io.isowatch.kafkastreams;

import io.isowatch.core.feed.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The headers of a dead-lettered record: the original value bytes exactly as they arrived, the
 * reason, and where the record was read (topic, partition, offset), so that it can be inspected or
 * replayed. The value of the dead letter is the rejection's JSON ({@code RejectionJson}).
 *
 * <p>With {@code key-by: field} records pass through a repartition topic before they are judged;
 * the router stamps the source coordinates on them first ({@link #stampSource}), so the dead letter
 * names the input topic, not the internal one.
 */
public final class DeadLetterHeaders {
  public static final String ORIGINAL = "isowatch.original";
  public static final String REASON = "isowatch.reason";
  public static final String DETAIL = "isowatch.detail";
  public static final String SOURCE_TOPIC = "isowatch.source.topic";
  public static final String SOURCE_PARTITION = "isowatch.source.partition";
  public static final String SOURCE_OFFSET = "isowatch.source.offset";

  private DeadLetterHeaders() {}

  /** Adds where the record was read to its headers, unless an earlier step already did. */
  static Headers stampSource(Headers headers, Optional<RecordMetadata> metadata) {
    if (headers.lastHeader(SOURCE_TOPIC) != null || metadata.isEmpty()) {
      return headers;
    }
    RecordMetadata source = metadata.get();
    headers.add(SOURCE_TOPIC, utf8(source.topic()));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(source.offset())));
    return headers;
  }

  /** The headers of the dead letter of {@code original}, read from {@code source}. */
  static Headers of(
      Rejection rejection, byte[] original, Headers inputHeaders, Optional<RecordMetadata> source) {
    Headers stamped = stampSource(copy(inputHeaders), source);
    Headers headers = new RecordHeaders();
    headers.add(ORIGINAL, original == null ? new byte[0] : original);
    headers.add(REASON, utf8(rejection.reason().label()));
    headers.add(DETAIL, utf8(rejection.detail()));
    for (String name : new String[] {SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET}) {
      Header header = stamped.lastHeader(name);
      if (header != null) {
        headers.add(name, header.value());
      }
    }
    return headers;
  }

  /** A header's value as text, if the record has it. */
  public static Optional<String> text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  private static Headers copy(Headers headers) {
    return new RecordHeaders(headers.toArray());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
