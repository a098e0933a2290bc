package io.isowatch.core.trust;

import io.isowatch.core.risk.RiskFeatures;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.risk.SignalVector;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a feed's {@link SignalVector} into a trust score: the {@link RiskModel}'s risk (log-odds
 * that the forecasts become unreliable within the horizon), judged by its conformal p-value against
 * the same feed's last {@code history} risks. One history, one score, no mode switch.
 *
 * <p>The p-value is randomized at ties: {@code (#{past > r} + U (#{past = r} + 1)) / (n + 1)} with
 * U uniform on (0, 1]. For exchangeable risks (a feed that has not changed) it is then uniform for
 * every n, so P(trust <= alpha) = alpha whatever the history holds; without the randomization a run
 * of equal risks (e.g. while every signal is warming up) would make it conservative. U comes from a
 * counter hashed with SplitMix64, so a restored scorer continues identically.
 *
 * <p>Memory: the history ring ({@code history + delay} doubles) and a counter.
 */
public final class TrustScorer {
  static final String SNAPSHOT_KIND = "trust-scorer";
  static final int SNAPSHOT_VERSION = 2;

  /** Kept for the settings' validation: the smallest history a score is judged against. */
  static final int MIN_BASELINE = 8;

  private final TrustSettings settings;
  private final RiskModel model;
  private final ConformalHistory risks;
  private long evaluations;

  public TrustScorer(TrustSettings settings, RiskModel model) {
    this.settings = settings;
    this.model = model;
    this.risks = new ConformalHistory(settings.history(), settings.delay());
  }

  /** Scores one evaluation's vector. */
  public TrustReading evaluate(SignalVector vector) {
    double risk = model.risk(vector);
    double trust = risks.randomizedPValue(risk, uniform(evaluations++));
    boolean ready = risks.count() >= settings.calibration();
    risks.add(risk);
    return new TrustReading(trust, risk, true, ready, evidence(vector));
  }

  /** Every feature's part in the risk, the largest push up first. */
  private List<SignalScore> evidence(SignalVector vector) {
    double[] parts = model.contributions(vector);
    List<SignalScore> scores = new ArrayList<>(parts.length);
    for (int i = 0; i < parts.length; i++) {
      double z = (vector.get(i) - model.mean(i)) / model.scale(i);
      scores.add(
          new SignalScore(
              RiskFeatures.names().get(i),
              vector.get(i),
              model.mean(i),
              model.scale(i),
              z,
              model.weight(i),
              model.weight(i),
              Math.abs(z),
              z));
    }
    scores.sort(Comparator.comparingDouble((SignalScore s) -> -s.contribution()));
    return scores;
  }

  /** A uniform on (0, 1] from a counter (SplitMix64's finalizer). */
  static double uniform(long counter) {
    long z = counter * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return ((z >>> 11) + 1) * 0x1.0p-53;
  }

  /**
   * Evaluations after which the score can breach: 0 when the next one can. The history needs {@code
   * calibration} risks (+ delay) to judge a new one against.
   */
  public int evaluationsUntilReady() {
    return Math.max(0, settings.calibration() + settings.delay() - risks.added());
  }

  public byte[] snapshot() {
    SnapshotWriter out = SnapshotWriter.start(SNAPSHOT_KIND, SNAPSHOT_VERSION);
    out.writeLong(evaluations);
    risks.write(out);
    return out.toByteArray();
  }

  /** A scorer that continues where the one that wrote {@code snapshot} stopped. */
  public static TrustScorer restore(byte[] snapshot, TrustSettings settings, RiskModel model) {
    SnapshotReader in = SnapshotReader.open(snapshot, SNAPSHOT_KIND, SNAPSHOT_VERSION);
    if (in.version() < SNAPSHOT_VERSION) {
      throw new CorruptSnapshotException(
          "trust-scorer snapshot of format "
              + in.version()
              + " predates the risk model; start this feed's state afresh");
    }
    TrustScorer scorer = new TrustScorer(settings, model);
    scorer.evaluations = in.readLong();
    if (scorer.evaluations < 0) {
      throw new CorruptSnapshotException("trust snapshot counts " + scorer.evaluations);
    }
    scorer.risks.read(in);
    in.finish();
    return scorer;
  }
}
