package io.isowatch.core.risk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads and checks a risk model's artifact: a small text file whose {@code format} line says the
 * kind (1: {@link LinearRiskModel}, 2: {@link TreeRiskModel}), then its version and one {@code
 * feature} line per feature of {@link RiskFeatures}, in order. The manifest holds the artifact's
 * SHA-256, the training summary and the validation table. Every failure says how to regenerate.
 */
final class RiskModelArtifact {
  static final String REGENERATE =
      "regenerate it with `isowatch train-risk` (see EVALUATION.md) and rebuild";

  private static volatile RiskModel bundled;

  private RiskModelArtifact() {}

  static RiskModel bundled() {
    RiskModel model = bundled;
    if (model == null) {
      synchronized (RiskModelArtifact.class) {
        if (bundled == null) {
          bundled = load(read(RiskModel.RESOURCE), read(RiskModel.MANIFEST));
        }
        model = bundled;
      }
    }
    return model;
  }

  private static String read(String resource) {
    try (InputStream in = RiskModelArtifact.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the risk model resource "
                + resource
                + " is missing from the classpath; "
                + REGENERATE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code model}'s artifact into {@code dir} and, beside it, its manifest: format, version,
   * checksum and features, then {@code notes} as comment lines.
   */
  static void write(RiskModel model, Path dir, List<String> notes) throws IOException {
    Files.createDirectories(dir);
    String artifact = model.format();
    Files.writeString(dir.resolve(RiskModel.ARTIFACT_FILE), artifact, StandardCharsets.UTF_8);
    StringBuilder manifest =
        new StringBuilder("# isowatch risk model manifest: ")
            .append("regenerate with `isowatch train-risk` (EVALUATION.md)\n")
            .append("format ")
            .append(model instanceof TreeRiskModel ? TreeRiskModel.FORMAT : LinearRiskModel.FORMAT)
            .append("\nversion ")
            .append(model.version())
            .append("\nchecksum ")
            .append(model.checksum())
            .append("\nfeatures ")
            .append(String.join(" ", RiskFeatures.names()))
            .append('\n');
    model.trainedOn().ifPresent(trainedOn -> trainedOn.write(manifest));
    for (String note : notes) {
      manifest.append("# ").append(note).append('\n');
    }
    Files.writeString(dir.resolve(RiskModel.MANIFEST_FILE), manifest, StandardCharsets.UTF_8);
  }

  static RiskModel load(String artifact, String manifest) {
    String expected = null;
    for (String line : manifest.split("\n")) {
      if (line.startsWith("checksum ")) {
        expected = line.substring("checksum ".length()).trim();
      }
    }
    String actual = "sha256:" + sha256(artifact);
    if (!actual.equals(expected)) {
      throw new IllegalStateException(
          "the risk model does not match its manifest (checksum "
              + actual
              + ", manifest says "
              + expected
              + "); "
              + REGENERATE);
    }
    // parsed here, so no one else holds it yet: it can state what it was trained on itself
    TrainedRiskModel model = (TrainedRiskModel) parse(artifact);
    return TrainedOn.read(manifest).map(model::stating).orElse(model);
  }

  static RiskModel parse(String artifact) {
    List<String[]> lines = new ArrayList<>();
    Integer format = null;
    for (String raw : artifact.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts[0].equals("format")) {
        format = formatNumber(parts);
      } else {
        lines.add(parts);
      }
    }
    if (format == null) {
      throw new IllegalStateException("the risk model has no format line; " + REGENERATE);
    }
    try {
      return switch (format) {
        case LinearRiskModel.FORMAT -> LinearRiskModel.parse(lines);
        case TreeRiskModel.FORMAT -> TreeRiskModel.parse(lines);
        default -> throw unknownFormat(format);
      };
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      // a number that does not parse, a line cut short, a tree that points back up
      throw new IllegalStateException(
          "the risk model is malformed (" + e.getMessage() + "); " + REGENERATE, e);
    }
  }

  private static int formatNumber(String[] parts) {
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new IllegalStateException(
          "the risk model's format line is '" + String.join(" ", parts) + "'; " + REGENERATE);
    }
  }

  private static IllegalStateException unknownFormat(int format) {
    return new IllegalStateException(
        "the risk model is of format "
            + format
            + ", this build reads "
            + LinearRiskModel.FORMAT
            + " and "
            + TreeRiskModel.FORMAT
            + "; "
            + REGENERATE);
  }

  /** The text after a line's keyword, e.g. a version with spaces. */
  static String rest(String[] parts) {
    return String.join(" ", java.util.Arrays.copyOfRange(parts, 1, parts.length));
  }

  /** Fails unless {@code names} are this build's features, in order. */
  static void checkFeatures(List<String> names) {
    if (names.equals(RiskFeatures.names())) {
      return;
    }
    List<String> unknown = new ArrayList<>(names);
    unknown.removeAll(RiskFeatures.names());
    List<String> missing = new ArrayList<>(RiskFeatures.names());
    missing.removeAll(names);
    throw new IllegalStateException(
        "the risk model was trained on other features than this build computes ("
            + names.size()
            + " against "
            + RiskFeatures.count()
            + (unknown.isEmpty() ? "" : "; unknown here: " + unknown)
            + (missing.isEmpty() ? "" : "; not in the model: " + missing)
            + (unknown.isEmpty() && missing.isEmpty() ? "; in another order" : "")
            + "); "
            + REGENERATE);
  }

  /** The format and version lines every artifact starts with. */
  static void header(StringBuilder text, int format, String version) {
    text.append("format ")
        .append(format)
        .append('\n')
        .append("version ")
        .append(version)
        .append('\n');
  }

  /** A double as the artifact writes it: every bit kept. */
  static String number(double x) {
    return String.format(Locale.ROOT, "%.17g", x);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
