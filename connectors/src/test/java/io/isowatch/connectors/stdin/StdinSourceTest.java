package io.isowatch.connectors.stdin;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.io.SourceEvent;
import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdinSourceTest {
  private static final Instant NOW = Instant.parse("2025-02-02T02:02:02Z");

  private static List<SourceEvent> read(StdinSource source) throws Exception {
    List<SourceEvent> events = new ArrayList<>();
    source.run(events::add);
    return events;
  }

  @Test
  void readsJsonLinesAndBareNumbersUntilTheEnd() throws Exception {
    String input =
        "{\"feed\": \"a\", \"time\": \"2025-01-01T00:00:00Z\", \"value\": 1}\r\n"
            + "\n"
            + "2.5\n"
            + "{\"time\": 0, \"value\": 3}\n"
            + "x".repeat(90)
            + "\n"
            + "not-a-number";
    List<SourceEvent> events =
        read(
            StdinSource.builder(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))
                .feed("sensor")
                .maxLineLength(80)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build());
    assertThat(events).hasSize(5);
    assertThat(events.subList(0, 3))
        .containsExactly(
            new SourceEvent.Parsed(new Observation("a", Instant.parse("2025-01-01T00:00:00Z"), 1)),
            new SourceEvent.Parsed(new Observation("sensor", NOW, 2.5)),
            new SourceEvent.Parsed(new Observation("sensor", Instant.EPOCH, 3)));
    Rejection tooLong = ((SourceEvent.Malformed) events.get(3)).rejection();
    assertThat(tooLong.detail()).isEqualTo("stdin line 5: longer than 80 characters");
    assertThat(tooLong.original()).hasSize(80);
    Rejection bad = ((SourceEvent.Malformed) events.get(4)).rejection();
    assertThat(bad.reason()).isEqualTo(RejectionReason.UNPARSABLE);
    assertThat(bad.detail()).isEqualTo("stdin line 6: neither a JSON object nor a number");
  }

  @Test
  void withoutAFeedABareNumberIsMissingOne() throws Exception {
    List<SourceEvent> events =
        read(StdinSource.builder(new ByteArrayInputStream("7\n".getBytes())).build());
    assertThat(((SourceEvent.Malformed) events.get(0)).rejection().reason())
        .isEqualTo(RejectionReason.MISSING_FIELD);
  }

  @Test
  void streamsLinesAsTheyArrive() throws Exception {
    PipedOutputStream writer = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(writer);
    StdinSource source = StdinSource.builder(in).feed("live").build();
    List<SourceEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                source.run(events::add);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    thread.start();
    writer.write("1\n2\n".getBytes());
    writer.flush();
    io.isowatch.testkit.Await.until(
        "two lines", java.time.Duration.ofSeconds(10), () -> events.size() == 2);
    writer.write("3\n".getBytes());
    writer.close();
    thread.join(10_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(events).hasSize(3);
  }
}
