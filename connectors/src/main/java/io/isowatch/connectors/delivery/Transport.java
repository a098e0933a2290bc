package io.isowatch.connectors.delivery;

/** Sends one envelope to a receiver once; {@link DeliveryQueue} does the retrying. */
@FunctionalInterface
public interface Transport {
  /**
   * One attempt. Must not throw for a receiver that is down or slow: that is a {@link
   * Outcome.Retry}.
   */
  Outcome deliver(Envelope envelope) throws InterruptedException;
}
