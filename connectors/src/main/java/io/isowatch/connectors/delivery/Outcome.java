package io.isowatch.connectors.delivery;

/** What one delivery attempt gave. */
public sealed interface Outcome {
  /** The receiver has it. */
  record Delivered() implements Outcome {}

  /** Worth trying again later: the receiver is down, overloaded or timed out. */
  record Retry(String reason) implements Outcome {}

  /** The receiver refused it for good (e.g. HTTP 400): retrying would not help. */
  record Rejected(String reason) implements Outcome {}
}
