package io.isowatch.core.risk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The risk model: the log-odds that a feed's forecasts become unreliable within the horizon, as the
 * honest ruler labels it, from one {@link SignalVector}. Trained offline by {@code isowatch
 * train-risk} and shipped in the jar ({@value #RESOURCE}, checked against {@value #MANIFEST} when
 * loaded, see {@link RiskModelArtifact}). Two kinds: the shipped gradient-boosted trees ({@link
 * TreeRiskModel}) and a logistic regression ({@link LinearRiskModel}, the earlier model, still
 * read). Either way the agent computes the risk itself, in microseconds, the same number in every
 * engine, and splits it exactly into per-feature contributions for an alert's evidence.
 */
public sealed interface RiskModel permits TrainedRiskModel {
  /** The artifact's file name, in the jar and wherever {@code train-risk} writes one. */
  String ARTIFACT_FILE = "risk-model.txt";

  /** Its manifest's file name, beside it. */
  String MANIFEST_FILE = "risk-model-manifest.txt";

  String RESOURCE = "/io/isowatch/core/risk/" + ARTIFACT_FILE;
  String MANIFEST = "/io/isowatch/core/risk/" + MANIFEST_FILE;

  /** The log-odds that the forecasts become unreliable within the horizon. */
  double risk(SignalVector x);

  /**
   * Each feature's part of {@link #risk}: {@code bias() + sum(contributions(x)) == risk(x)} (to
   * rounding), so the evidence of an alert adds up to its risk.
   */
  double[] contributions(SignalVector x);

  /** A risk and its contributions, as {@link #explain} gives them. */
  record Explained(double risk, double[] contributions) {}

  /** {@link #risk} and {@link #contributions} together, in one pass where the kind allows it. */
  default Explained explain(SignalVector x) {
    return new Explained(risk(x), contributions(x));
  }

  /** The risk's part that no feature accounts for: the log-odds of a typical training vector. */
  double bias();

  /** A feature's mean in the training rows: the baseline an alert's evidence shows. */
  double mean(int feature);

  /** A feature's standard deviation in the training rows (positive): the evidence's spread. */
  double scale(int feature);

  /**
   * How much the model leans on a feature, the same on every feed (the {@code
   * isowatch_signal_predictiveness} gauge): a linear model's weight per standard deviation, a tree
   * model's share of the loss reduction its splits on the feature made.
   */
  double importance(int feature);

  /** The model's version (what it was trained on and how). */
  String version();

  /**
   * The embedding model and horizon it was trained on, as its manifest states them; empty for a
   * model made in memory or read from a manifest that does not say.
   */
  Optional<TrainedOn> trainedOn();

  /** This model, stating what it was trained on (its manifest will say so); the same risks. */
  RiskModel trainedOn(TrainedOn what);

  /** The artifact's text, what {@link #parse} reads back. */
  String format();

  /**
   * The SHA-256 of {@link #format()}, {@code sha256:HEX}, as a manifest states it: what a snapshot
   * keeps to know whether its risks came from this model.
   */
  String checksum();

  /** A model that gives every vector the same risk, 0: for tools that record signals only. */
  static RiskModel constant() {
    return LinearRiskModel.constant();
  }

  /**
   * The model shipped in the jar, loaded once.
   *
   * @throws IllegalStateException if it is missing, of an unknown format, for other features, or
   *     does not match its manifest's checksum; the message says what to do
   */
  static RiskModel bundled() {
    return RiskModelArtifact.bundled();
  }

  /** Parses an artifact and checks it against its manifest; see {@link #bundled()}. */
  static RiskModel load(String artifact, String manifest) {
    return RiskModelArtifact.load(artifact, manifest);
  }

  /**
   * The model {@code train-risk} wrote into {@code dir} ({@value #ARTIFACT_FILE} and {@value
   * #MANIFEST_FILE}), checked against its manifest as {@link #load(String, String)} does.
   */
  static RiskModel load(Path dir) throws IOException {
    return load(
        Files.readString(dir.resolve(ARTIFACT_FILE)), Files.readString(dir.resolve(MANIFEST_FILE)));
  }

  /**
   * Writes this model where {@link #load(Path)} reads it: {@value #ARTIFACT_FILE} and, beside it,
   * {@value #MANIFEST_FILE} with its checksum and what it was trained on ({@link #trainedOn()},
   * when known), then {@code notes} (how it was trained, its validation) as comment lines.
   */
  default void writeTo(Path dir, List<String> notes) throws IOException {
    RiskModelArtifact.write(this, dir, notes);
  }

  /** Parses an artifact of either kind, without a manifest. */
  static RiskModel parse(String artifact) {
    return RiskModelArtifact.parse(artifact);
  }

  /** The SHA-256 of a text, hex. */
  static String sha256(String text) {
    return RiskModelArtifact.sha256(text);
  }
}
