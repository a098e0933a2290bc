package io.isowatch.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A peer the tests run from a Debian package. Missing, it fails the test with the install line (CI
 * installs it in {@code .ci/run}); only a non-root user, who could not install it, gets a skip,
 * with the same message.
 */
public final class DebianBinary {
  private DebianBinary() {}

  /** The binary's path, or a failed (root) or aborted (non-root) test naming the package. */
  public static Path require(String debianPackage, String... candidates) {
    for (String candidate : candidates) {
      Path path = Path.of(candidate);
      if (Files.isExecutable(path)) {
        return path;
      }
    }
    String message =
        debianPackage
            + " is not installed (looked for "
            + String.join(", ", candidates)
            + "): run `apt-get install -y "
            + debianPackage
            + "` (.ci/run does)";
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root) {
      Assumptions.abort("skipped, not root and " + message);
    }
    throw new AssertionError(message);
  }
}
