package io.isowatch.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real files of {@code ../shared/datasets}, next to the repository's top directory (the system
 * property {@code isowatch.datasets} overrides it). A test that needs one is skipped, with the
 * reason, where it is absent, as in a fresh clone.
 */
public final class Datasets {
  private static final Path DIR = locate();

  private Datasets() {}

  /** The dataset file at {@code relative}; skips the calling test when it is absent. */
  public static Path file(String relative) {
    assumeTrue(
        Files.isDirectory(DIR),
        "no datasets folder at " + DIR.toAbsolutePath().normalize() + ": real-data test skipped");
    Path file = DIR.resolve(relative);
    assumeTrue(Files.isRegularFile(file), "dataset file absent: " + file + ": skipped");
    return file;
  }

  private static Path locate() {
    String override = System.getProperty("isowatch.datasets");
    if (override != null) {
      return Path.of(override);
    }
    Path root = projectRoot();
    Path parent = root.getParent();
    return (parent != null ? parent : root).resolve("shared/datasets");
  }

  /** The repository's top directory: the first ancestor of the working directory with agent/cli. */
  private static Path projectRoot() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p = cwd; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml"))
          && Files.isRegularFile(p.resolve("agent/cli/pom.xml"))) {
        return p;
      }
    }
    return cwd;
  }
}
