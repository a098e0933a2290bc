package io.isowatch.connectors.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue with an in-memory transport that can be switched off and on. */
class DeliveryQueueTest {
  @TempDir Path dir;

  private final AtomicBoolean up = new AtomicBoolean();
  private final List<Envelope> delivered = new CopyOnWriteArrayList<>();

  private Outcome deliver(Envelope envelope) {
    if (!up.get()) {
      return new Outcome.Retry("down");
    }
    delivered.add(envelope);
    return new Outcome.Delivered();
  }

  private DeliveryQueue.Builder queue() {
    return DeliveryQueue.builder("test", this::deliver)
        .spillFile(dir.resolve("spill.jsonl"))
        .initialBackoff(Duration.ofMillis(10))
        .maxBackoff(Duration.ofMillis(40));
  }

  @Test
  void aFullSpillFileRefusesInsteadOfForgetting() throws Exception {
    Envelope envelope = new Envelope("k", "x".repeat(100));
    long line = ("{\"key\":\"k\",\"body\":\"" + "x".repeat(100) + "\"}\n").length();
    try (DeliveryQueue queue = queue().capacity(1).maxSpillBytes(3 * line).build()) {
      queue.offer(envelope); // memory
      queue.offer(envelope);
      queue.offer(envelope);
      queue.offer(envelope); // three lines spilled: the file is at its limit
      assertThatThrownBy(() -> queue.offer(envelope))
          .isInstanceOf(SpillFullException.class)
          .hasMessageContaining("would exceed its limit of " + 3 * line + " bytes")
          .hasMessageContaining("3 undelivered messages");
      assertThat(Files.size(dir.resolve("spill.jsonl"))).isEqualTo(3 * line);
      up.set(true);
      Await.until("drained", Duration.ofSeconds(10), () -> delivered.size() == 4);
    }
  }

  @Test
  void nonAsciiBodiesSurviveTheSpillFile() throws Exception {
    Envelope envelope = new Envelope("clé", "{\"summary\":\"température ↑ 5σ\"}");
    try (DeliveryQueue queue = queue().capacity(1).build()) {
      queue.offer(new Envelope("first", "{}"));
      queue.offer(envelope);
      assertThat(queue.stats().spilled()).isEqualTo(1);
      up.set(true);
      Await.until("drained", Duration.ofSeconds(10), () -> delivered.size() == 2);
    }
    assertThat(delivered.get(1)).isEqualTo(envelope);
  }

  @Test
  void optionsAreNamed() {
    assertThatThrownBy(() -> DeliveryQueue.builder("t", this::deliver).build())
        .hasMessage("spillFile is required");
    assertThatThrownBy(() -> queue().capacity(0).build())
        .hasMessage("capacity must be at least 1, got 0");
  }
}
