package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka source with no broker at its address ({@code watch --kafka}, {@code run} with a kafka
 * source): one line naming the address and what to check, exit 2, before the model loads or the
 * consumer starts retrying; the same check as the Kafka Streams engine's.
 */
class KafkaSourceUnreachableTest {
  private static final String CHECK =
      " (connection refused): check that the broker is running and that the bootstrap servers"
          + " name a listener this host can reach";

  @TempDir Path dir;

  @Test
  void watchKafkaFailsInOneLineWithExit2() throws IOException {
    String address = "localhost:" + closedPort();

    Cli.Result result =
        Cli.run(
            "watch",
            "--kafka",
            "--kafka-bootstrap=" + address,
            "--topic=observations",
            "--metrics-port=0");

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(2);
    assertThat(result.err().strip())
        .isEqualTo("isowatch watch: cannot reach Kafka at " + address + CHECK);
  }

  @Test
  void runWithAKafkaSourceFailsInOneLineWithExit2() throws IOException {
    String address = "localhost:" + closedPort();
    Path config = dir.resolve("isowatch.yaml");
    Files.writeString(
        config,
        "sources: [{type: kafka, bootstrap-servers: '"
            + address
            + "', topics: [observations], group-id: g}]\n");

    Cli.Result result = Cli.run("run", "--config=" + config, "--metrics-port=0");

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(2);
    assertThat(result.err().strip())
        .isEqualTo("isowatch run: cannot reach Kafka at " + address + CHECK);
  }

  /** A port nothing listens on: bound, then released. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
