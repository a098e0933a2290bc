package io.isowatch.connectors.kafka;

import io.isowatch.connectors.net.PeerCheck;
import io.isowatch.connectors.net.UnreachablePeerException;

/**
 * The start-up check of every Kafka path (the Kafka source, the Kafka Streams engine, the Flink
 * job): a bootstrap server must accept a TCP connection within seconds, before any Kafka client is
 * made, since a client would retry for a minute, logging a warning every second.
 */
public final class KafkaReachability {
  private KafkaReachability() {}

  /**
   * Returns when one of {@code bootstrapServers} accepts a connection within {@link
   * PeerCheck#DEFAULT_TIMEOUT}.
   *
   * @throws UnreachablePeerException in one line naming each address and what to check
   */
  public static void require(String bootstrapServers) {
    PeerCheck.requireReachable(
        "Kafka",
        bootstrapServers,
        PeerCheck.DEFAULT_TIMEOUT,
        "check that the broker is running and that the bootstrap servers name a listener this"
            + " host can reach");
  }
}
