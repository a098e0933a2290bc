package io.isowatch.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The job's entry point with no broker at the address: one line naming the address and what to
 * check, exit status 2, before the model loads or a Kafka client starts retrying.
 */
class IsowatchFlinkJobUnreachableTest {
  @Test
  void aBrokerThatIsNotThereFailsInOneLineWithExit2() throws IOException {
    String address = "localhost:" + closedPort();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new IsowatchFlinkJob());
    command.setErr(new PrintWriter(err, true));

    int exit = command.execute("--bootstrap", address, "--input", "observations");

    assertThat(exit).as(err.toString()).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "isowatch-flink-job: cannot reach Kafka at "
                + address
                + " (connection refused): check that the broker is running and that the"
                + " bootstrap servers name a listener this host can reach");
  }

  /** A port nothing listens on: bound, then released. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
