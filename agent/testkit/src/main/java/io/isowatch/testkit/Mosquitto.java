package io.isowatch.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's mosquitto broker on a loopback port, anonymous, without persistence unless {@link
 * #persistent} (then sessions and queued messages survive a restart, as with Debian's packaged
 * configuration); it can be stopped and started again on the same port, to play a broker restart.
 */
public final class Mosquitto implements AutoCloseable {
  private final Path binary;
  private final Path dir;
  private final int port;
  private Process process;

  private final String listenerOptions;
  private boolean persistence;

  public Mosquitto(Path dir) {
    this(dir, "");
  }

  /** A broker that saves its sessions and queued messages in {@code dir} when it stops. */
  public static Mosquitto persistent(Path dir) {
    Mosquitto broker = new Mosquitto(dir);
    broker.persistence = true;
    return broker;
  }

  /**
   * @param listenerOptions lines added under the listener, e.g. its TLS files
   */
  public Mosquitto(Path dir, String listenerOptions) {
    this.binary = DebianBinary.require("mosquitto", "/usr/sbin/mosquitto", "/usr/bin/mosquitto");
    this.dir = dir;
    this.port = FreePort.pick();
    this.listenerOptions = listenerOptions;
  }

  public String uri() {
    return (listenerOptions.contains("certfile") ? "ssl" : "tcp") + "://127.0.0.1:" + port;
  }

  public void start() throws IOException, InterruptedException {
    Path config = dir.resolve("mosquitto.conf");
    Files.writeString(
        config,
        "listener "
            + port
            + " 127.0.0.1\n"
            + listenerOptions
            + "allow_anonymous "
            + !listenerOptions.contains("password_file")
            + (persistence
                ? "\npersistence true\npersistence_location " + dir.toAbsolutePath() + "/\n"
                : "\npersistence false\n")
            // as root it would drop to user mosquitto, who cannot read the test's files
            + (System.getProperty("user.name").equals("root") ? "user root\n" : ""));
    process =
        new ProcessBuilder(binary.toString(), "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
            .start();
    Await.until(
        "mosquitto listening on " + port,
        Duration.ofSeconds(20),
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError("mosquitto exited: " + log());
          }
          return FreePort.listening(port);
        });
  }

  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor();
      process = null;
    }
  }

  public String log() {
    try {
      return Files.readString(dir.resolve("mosquitto.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
