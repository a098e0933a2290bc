package io.isowatch.connectors.net;

/** A peer the agent needs did not answer at start; the message is one line for the operator. */
public final class UnreachablePeerException extends RuntimeException {
  public UnreachablePeerException(String message) {
    super(message);
  }
}
