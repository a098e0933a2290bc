package io.isowatch.core.risk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The risk model: a logistic regression over the {@link SignalVector}, trained offline (by {@code
 * isowatch train-risk}, with Tribuo) to predict that the last-value forecaster's error becomes an
 * event of the honest ruler within its horizon, and shipped in the jar. Inference is one dot
 * product, so it costs microseconds and gives the same number in every engine; its log-odds are an
 * exact sum of per-feature contributions {@code w_i (x_i - mean_i) / scale_i} plus the log-odds at
 * the training mean, which is what an alert's evidence shows.
 *
 * <p>The artifact ({@value #RESOURCE}) is a small text file: the format version, the model's
 * version, and one line per feature (name, training mean, training scale, weight). Its manifest
 * ({@value #MANIFEST}) holds its SHA-256, the training summary and the validation table; loading
 * checks the format, the feature names against {@link RiskFeatures} and the checksum, and fails
 * with a message that says how to regenerate the artifact.
 */
public final class RiskModel {
  public static final int FORMAT = 1;
  public static final String RESOURCE = "/io/isowatch/core/risk/risk-model.txt";
  public static final String MANIFEST = "/io/isowatch/core/risk/risk-model-manifest.txt";
  static final String REGENERATE =
      "regenerate it with `isowatch train-risk` (see EVALUATION.md) and rebuild";

  private static volatile RiskModel bundled;

  private final String version;
  private final double[] mean;
  private final double[] scale;
  private final double[] weight;
  private final double intercept;

  /**
   * @param version the model's version (e.g. when and from what it was trained)
   * @param mean each feature's training mean
   * @param scale each feature's training scale (positive)
   * @param weight each standardized feature's weight in the log-odds
   * @param intercept the log-odds at the training mean
   */
  public RiskModel(
      String version, double[] mean, double[] scale, double[] weight, double intercept) {
    int n = RiskFeatures.count();
    if (mean.length != n || scale.length != n || weight.length != n) {
      throw new IllegalArgumentException("a risk model needs " + n + " means, scales and weights");
    }
    for (int i = 0; i < n; i++) {
      if (!(scale[i] > 0) || !Double.isFinite(mean[i]) || !Double.isFinite(weight[i])) {
        throw new IllegalArgumentException(
            "risk feature " + RiskFeatures.names().get(i) + " has a bad mean, scale or weight");
      }
    }
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("risk intercept must be finite");
    }
    this.version = version;
    this.mean = mean.clone();
    this.scale = scale.clone();
    this.weight = weight.clone();
    this.intercept = intercept;
  }

  /** A model that gives every vector the same risk (all weights 0): for tools that need no risk. */
  public static RiskModel constant() {
    int n = RiskFeatures.count();
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1);
    return new RiskModel("constant", new double[n], ones, new double[n], 0);
  }

  /**
   * The model shipped in the jar, loaded once.
   *
   * @throws IllegalStateException if it is missing, of another format, for other features, or does
   *     not match its manifest's checksum; the message says what to do
   */
  public static RiskModel bundled() {
    RiskModel model = bundled;
    if (model == null) {
      synchronized (RiskModel.class) {
        if (bundled == null) {
          bundled = load(read(RESOURCE), read(MANIFEST));
        }
        model = bundled;
      }
    }
    return model;
  }

  private static String read(String resource) {
    try (InputStream in = RiskModel.class.getResourceAsStream(resource)) {
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

  /** Parses an artifact and checks it against its manifest; see {@link #bundled()}. */
  public static RiskModel load(String artifact, String manifest) {
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
    return parse(artifact);
  }

  /** Parses an artifact written by {@link #format()}. */
  public static RiskModel parse(String artifact) {
    String version = null;
    Integer format = null;
    double intercept = Double.NaN;
    List<String> names = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    for (String raw : artifact.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      switch (parts[0]) {
        case "format" -> format = Integer.parseInt(parts[1]);
        case "version" -> version = line.substring("version".length()).strip();
        case "intercept" -> intercept = Double.parseDouble(parts[1]);
        case "feature" -> {
          names.add(parts[1]);
          rows.add(
              new double[] {
                Double.parseDouble(parts[2]),
                Double.parseDouble(parts[3]),
                Double.parseDouble(parts[4])
              });
        }
        default -> throw new IllegalStateException("risk model: unknown line '" + line + "'");
      }
    }
    if (format == null || format != FORMAT) {
      throw new IllegalStateException(
          "the risk model is of format "
              + format
              + ", this build reads "
              + FORMAT
              + "; "
              + REGENERATE);
    }
    if (!names.equals(RiskFeatures.names())) {
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
    int n = names.size();
    double[] mean = new double[n];
    double[] scale = new double[n];
    double[] weight = new double[n];
    for (int i = 0; i < n; i++) {
      mean[i] = rows.get(i)[0];
      scale[i] = rows.get(i)[1];
      weight[i] = rows.get(i)[2];
    }
    return new RiskModel(version == null ? "unknown" : version, mean, scale, weight, intercept);
  }

  /** The artifact's text: what {@link #parse} reads. */
  public String format() {
    StringBuilder text = new StringBuilder();
    text.append("# isowatch risk model: logistic regression on standardized features\n")
        .append("# log-odds = intercept + sum_i weight_i * (x_i - mean_i) / scale_i\n")
        .append("format ")
        .append(FORMAT)
        .append('\n')
        .append("version ")
        .append(version)
        .append('\n')
        .append("intercept ")
        .append(number(intercept))
        .append('\n');
    for (int i = 0; i < mean.length; i++) {
      text.append("feature ")
          .append(RiskFeatures.names().get(i))
          .append(' ')
          .append(number(mean[i]))
          .append(' ')
          .append(number(scale[i]))
          .append(' ')
          .append(number(weight[i]))
          .append('\n');
    }
    return text.toString();
  }

  private static String number(double x) {
    return String.format(Locale.ROOT, "%.17g", x);
  }

  /** The SHA-256 of a text, hex. */
  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** The log-odds that the forecasts become unreliable within the horizon. */
  public double risk(SignalVector x) {
    double logOdds = intercept;
    for (int i = 0; i < mean.length; i++) {
      logOdds += weight[i] * (x.get(i) - mean[i]) / scale[i];
    }
    return logOdds;
  }

  /** Each feature's part of {@link #risk}: {@code w_i (x_i - mean_i) / scale_i}. */
  public double[] contributions(SignalVector x) {
    double[] parts = new double[mean.length];
    for (int i = 0; i < mean.length; i++) {
      parts[i] = weight[i] * (x.get(i) - mean[i]) / scale[i];
    }
    return parts;
  }

  public String version() {
    return version;
  }

  public double intercept() {
    return intercept;
  }

  public double mean(int feature) {
    return mean[feature];
  }

  public double scale(int feature) {
    return scale[feature];
  }

  public double weight(int feature) {
    return weight[feature];
  }
}
