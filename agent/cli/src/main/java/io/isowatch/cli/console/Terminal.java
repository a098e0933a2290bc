package io.isowatch.cli.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process writes to a person at a terminal, to decide on progress lines. */
public final class Terminal {
  private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

  private Terminal() {}

  /**
   * Whether standard error is a terminal. On Linux the descriptor's link names a {@code /dev/pts}
   * or {@code /dev/tty} device; elsewhere the answer is whether the JVM has a console (standard
   * input and output at a terminal), the closest Java 17 can tell.
   */
  public static boolean standardErrorIsTerminal() {
    try {
      String target = Files.readSymbolicLink(STDERR_LINK).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }
}
