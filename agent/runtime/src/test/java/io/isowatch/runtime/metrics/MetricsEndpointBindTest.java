package io.isowatch.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which interfaces /metrics can be reached on: loopback unless told otherwise. */
class MetricsEndpointBindTest {

  /** An address of this machine that is not loopback, if it has one. */
  private static Optional<InetAddress> outwardAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(
            nic -> {
              try {
                return nic.isUp() && !nic.isLoopback();
              } catch (SocketException e) {
                return false;
              }
            })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> address instanceof Inet4Address)
        .findFirst();
  }

  private static void connect(InetAddress address, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 10_000);
    }
  }

  @Test
  void byDefaultTheEndpointListensOnLoopbackOnly() throws Exception {
    Optional<InetAddress> outward = outwardAddress();
    assumeTrue(outward.isPresent(), "this machine has no address but loopback");
    try (MetricsEndpoint endpoint = MetricsEndpoint.start(new PrometheusRegistry(), 0)) {
      connect(InetAddress.getLoopbackAddress(), endpoint.port());
      assertThatThrownBy(() -> connect(outward.get(), endpoint.port()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void everyInterfaceWhenAskedFor() throws Exception {
    Optional<InetAddress> outward = outwardAddress();
    assumeTrue(outward.isPresent(), "this machine has no address but loopback");
    try (MetricsEndpoint endpoint = MetricsEndpoint.start(new PrometheusRegistry(), "0.0.0.0", 0)) {
      connect(outward.get(), endpoint.port());
      connect(InetAddress.getLoopbackAddress(), endpoint.port());
      assertThat(endpoint.host()).isEqualTo("0.0.0.0");
    }
  }
}
