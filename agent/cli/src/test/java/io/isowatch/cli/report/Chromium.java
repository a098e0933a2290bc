package io.isowatch.cli.report;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, to render a page to a PNG as a person would see it. Missing, the test
 * is skipped, unless {@code ISOWATCH_REQUIRE_TOOLS} is set (CI installs it and sets it).
 */
public final class Chromium {
  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  public static Chromium require() {
    Optional<Path> found = Optional.empty();
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path candidate = Path.of(folder, name);
        if (found.isEmpty() && Files.isExecutable(candidate)) {
          found = Optional.of(candidate);
        }
      }
    }
    String missing = "chromium not found on PATH: apt-get install chromium (see .ci/run)";
    if (found.isEmpty()) {
      if (System.getenv("ISOWATCH_REQUIRE_TOOLS") != null) {
        fail(missing + "; ISOWATCH_REQUIRE_TOOLS is set, so this is an error");
      }
      Assumptions.abort(missing);
    }
    return new Chromium(found.orElseThrow());
  }

  /** Renders {@code page} at {@code width} x {@code height} CSS pixels into {@code png}. */
  public void screenshot(Path page, Path png, int width, int height)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(png.toAbsolutePath().getParent(), "chromium-");
    List<String> command =
        List.of(
            binary.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--user-data-dir=" + profile,
            "--window-size=" + width + "," + height,
            "--screenshot=" + png.toAbsolutePath(),
            page.toAbsolutePath().toUri().toString());
    Path log = png.resolveSibling(png.getFileName() + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("chromium did not finish the screenshot in 90 s:\n" + Files.readString(log));
    }
    if (process.exitValue() != 0 || !Files.exists(png)) {
      fail("chromium failed (exit " + process.exitValue() + "):\n" + Files.readString(log));
    }
  }
}
