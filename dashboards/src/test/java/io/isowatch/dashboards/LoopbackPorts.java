package io.isowatch.dashboards;

import java.io.IOException;
import java.net.ServerSocket;

/** Free TCP ports for the servers a test starts on loopback. */
final class LoopbackPorts {
  private LoopbackPorts() {}

  /** A port no one listens on right now (the OS picks it). */
  static int free() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
