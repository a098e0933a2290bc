package io.isowatch.connectors.delivery;

import java.util.Objects;

/**
 * One message waiting for delivery: the body as it will be sent, and the idempotency key the
 * receiver can deduplicate on (delivery is at least once).
 *
 * @param key idempotency key, e.g. {@code cpu/geometry-baseline/3/firing/warning}
 * @param body the request body, ready to send
 */
public record Envelope(String key, String body) {
  public Envelope {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(body, "body");
  }
}
