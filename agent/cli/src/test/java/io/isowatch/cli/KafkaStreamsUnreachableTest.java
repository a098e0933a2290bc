package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --engine kafka-streams} with no broker: one line naming the address and what to check,
 * exit 2, before any Kafka client starts retrying; and a configuration without sources is accepted
 * for this engine, as the reference says.
 */
class KafkaStreamsUnreachableTest {
  @TempDir Path dir;

  @Test
  void aBrokerThatIsNotThereFailsInOneLineWithExit2() throws IOException {
    String address = "localhost:" + closedPort();
    Path config = dir.resolve("isowatch.yaml");
    Files.writeString(config, "window: {length: 16, stride: 8}\n"); // no sources

    Cli.Result result =
        Cli.run(
            "run",
            "--config=" + config,
            "--engine=kafka-streams",
            "--bootstrap=" + address,
            "--input=observations",
            "--metrics-port=0");

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(2);
    assertThat(result.err().strip())
        .isEqualTo(
            "isowatch run: cannot reach Kafka at "
                + address
                + " (connection refused): check that the broker is running and that the"
                + " bootstrap servers name a listener this host can reach");
  }

  @Test
  void withoutAConfigurationTooTheEngineOptionsAreEnough() throws IOException {
    String address = "localhost:" + closedPort();

    Cli.Result result =
        Cli.run(
            "run",
            "--engine=kafka-streams",
            "--bootstrap=" + address,
            "--input=observations",
            "--metrics-port=0");

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(2);
    assertThat(result.err()).startsWith("isowatch run: cannot reach Kafka at " + address);
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void theEmbeddedEngineStillNeedsSources() throws IOException {
    Path config = dir.resolve("isowatch.yaml");
    Files.writeString(config, "window: {length: 16, stride: 8}\n");

    Cli.Result result = Cli.run("run", "--config=" + config, "--metrics-port=0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("sources: required: a list of at least one source");
  }

  /** A port nothing listens on: bound, then released. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
