package io.isowatch.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The snapshot bytes each released format version wrote, kept in {@code
 * src/test/resources/snapshots/<kind>-v<version>.bin} so that a later build is tested against what
 * operators' state stores really hold. See that folder's README for how they are made.
 */
public final class SnapshotFixtures {
  /** Set to {@code true} to (re)write the current version's fixtures instead of checking them. */
  public static final String REGENERATE = "snapshots.regenerate";

  private SnapshotFixtures() {}

  /** The stored bytes of {@code kind} at {@code version}. */
  public static byte[] load(String kind, int version) {
    String name = resource(kind, version);
    try (InputStream in = SnapshotFixtures.class.getResourceAsStream("/snapshots/" + name)) {
      if (in == null) {
        throw new AssertionError(
            "no fixture " + name + "; write it with -D" + REGENERATE + "=true (snapshots/README)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Checks that {@code written} (today's code, for a test's seeded state) is exactly the stored
   * bytes of {@code version}: a layout change without a version bump would strand every stored
   * snapshot. With {@value #REGENERATE} set, writes them instead (only ever for a new version).
   */
  public static void assertStored(String kind, int version, byte[] written) {
    if (Boolean.getBoolean(REGENERATE)) {
      Path file = Path.of("src", "test", "resources", "snapshots", resource(kind, version));
      try {
        Files.createDirectories(file.getParent());
        Files.write(file, written);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    assertThat(written).as("bytes of %s", resource(kind, version)).isEqualTo(load(kind, version));
  }

  /** The header of a snapshot of {@code kind} at {@code version}, followed by nothing. */
  public static byte[] header(String kind, int version) {
    return SnapshotWriter.start(kind, version).toByteArray();
  }

  /**
   * Checks that {@code actual} says what {@code expected} says, every number within a relative
   * {@code tolerance}: for state an older format held at another precision (a prediction's logits
   * were doubles, today floats), which continues like a fresh object to that rounding, not bit for
   * bit. The text between the numbers must be equal.
   */
  public static void assertSameUpToRounding(
      List<String> actual, List<String> expected, double tolerance) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      String want = expected.get(i);
      String got = actual.get(i);
      assertThat(NUMBER.matcher(got).replaceAll("#"))
          .as("line %d without its numbers", i)
          .isEqualTo(NUMBER.matcher(want).replaceAll("#"));
      List<Double> wanted = numbers(want);
      List<Double> gotten = numbers(got);
      for (int k = 0; k < wanted.size(); k++) {
        double w = wanted.get(k);
        assertThat(gotten.get(k))
            .as("number %d of line %d", k, i)
            .isCloseTo(w, within(tolerance * Math.max(1, Math.abs(w))));
      }
    }
  }

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?(E-?\\d+)?");

  private static List<Double> numbers(String text) {
    List<Double> numbers = new ArrayList<>();
    Matcher matcher = NUMBER.matcher(text);
    while (matcher.find()) {
      numbers.add(Double.parseDouble(matcher.group()));
    }
    return numbers;
  }

  private static String resource(String kind, int version) {
    return kind + "-v" + version + ".bin";
  }
}
