package io.isowatch.connectors.sink;

import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Run in a child JVM by {@link DeadLetterDurabilityTest}: writes ten dead letters as the agent
 * would, says so on standard output, then waits to be killed without closing anything.
 */
public final class DeadLetterCrashChild {
  private DeadLetterCrashChild() {}

  public static void main(String[] args) throws Exception {
    DeadLetterFileSink sink = DeadLetterFileSink.open(Path.of(args[0]));
    for (int i = 0; i < 10; i++) {
      sink.accept(
          new Rejection(
              RejectionReason.NOT_FINITE,
              Optional.of("f"),
              "{\"feed\":\"f\",\"time\":" + i + ",\"value\":NaN}",
              "line " + (i + 1) + ": value is not finite",
              Instant.parse("2026-01-01T00:00:00Z")));
    }
    System.out.println("written");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // never closes, never flushes by hand: killed with -9
  }
}
