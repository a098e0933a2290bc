package io.isowatch.core.trust;

import io.isowatch.core.realized.ForecastOutcome;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a feed's signals into a calibrated trust score, learning as the truth arrives.
 *
 * <p>At each evaluation every signal is scored as a robust z against its own recent values. Each
 * signal's predictiveness is its Spearman correlation with the realized error of the forecasts made
 * after it (the mean scaled error of the next {@code errorLag} outcomes); its weight is the
 * confidence bound on that correlation, and its direction the correlation's sign. The risk is the
 * weighted, direction-signed mean z. Until some signal has weight, the risk falls back to the
 * largest |z| of all signals: "something moved a lot", without a direction (a mean would dilute one
 * signal's jump among twenty quiet ones). The trust score is the conformal p-value of the risk
 * against the feed's recent risks (each kind judged against its own history), so on an unchanged
 * feed it breaches a threshold alpha with probability alpha.
 *
 * <p>Memory is bounded by {@link TrustSettings#memoryBytes()}: at most {@code maxSignals} signals,
 * fixed rings everywhere, and at most {@value #MAX_AWAITING} evaluations awaiting their errors.
 */
public final class TrustScorer {
  static final String SNAPSHOT_KIND = "trust-scorer";
  static final int SNAPSHOT_VERSION = 1;
  static final int MAX_AWAITING = 32;

  /** Values a signal's baseline needs before it is scored. */
  static final int MIN_BASELINE = 8;

  private final TrustSettings settings;
  private final Map<String, Tracked> signals = new LinkedHashMap<>();
  private final ConformalHistory calibratedRisks;
  private final ConformalHistory fallbackRisks;
  private final ArrayDeque<Awaiting> awaiting = new ArrayDeque<>();

  public TrustScorer(TrustSettings settings) {
    this.settings = settings;
    this.calibratedRisks = new ConformalHistory(settings.history(), settings.delay());
    this.fallbackRisks = new ConformalHistory(settings.history(), settings.delay());
  }

  private static final class Tracked {
    final RollingBaseline baseline;
    final ConformalHistory zs;
    final SignalCalibration calibration;

    Tracked(TrustSettings settings) {
      baseline = new RollingBaseline(settings.baseline());
      // as long as the risk history, so that one signal's p-value can resolve alpha
      zs = new ConformalHistory(settings.history(), settings.delay());
      calibration = new SignalCalibration(settings.pairs());
    }
  }

  /** An evaluation waiting for the errors of the forecasts made after it. */
  private static final class Awaiting {
    final Instant at;
    final String[] names;
    final double[] values;
    double errorSum;
    int outcomes;

    Awaiting(Instant at, String[] names, double[] values) {
      this.at = at;
      this.names = names;
      this.values = values;
    }
  }

  /** Scores one evaluation at event time {@code at}; NaN values mean "not available". */
  public TrustReading evaluate(Instant at, Map<String, Double> values) {
    List<SignalScore> scores = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Double> kept = new ArrayList<>();
    for (Map.Entry<String, Double> entry : values.entrySet()) {
      double value = entry.getValue() == null ? Double.NaN : entry.getValue();
      if (!Double.isFinite(value)) {
        continue;
      }
      Tracked tracked = signals.get(entry.getKey());
      if (tracked == null) {
        if (signals.size() >= settings.maxSignals()) {
          continue;
        }
        tracked = new Tracked(settings);
        signals.put(entry.getKey(), tracked);
      }
      names.add(entry.getKey());
      kept.add(value);
      if (tracked.baseline.count() >= MIN_BASELINE) {
        double median = tracked.baseline.median();
        double spread = tracked.baseline.spread(median);
        double z = (value - median) / spread;
        if (tracked.zs.count() >= MIN_BASELINE) {
          scores.add(score(entry.getKey(), value, median, spread, z, tracked));
        }
        tracked.zs.add(z);
      }
      tracked.baseline.add(value);
    }
    scores.sort(
        Comparator.comparingDouble((SignalScore s) -> -s.contribution())
            .thenComparingDouble(s -> -s.surprise()));

    double weights = 0;
    double weighted = 0;
    double surprises = 0;
    for (SignalScore score : scores) {
      weights += score.weight();
      weighted += score.contribution();
      surprises += score.surprise();
    }
    double calibratedRisk = weights > 0 ? weighted / weights : Double.NaN;
    double fallbackRisk = scores.isEmpty() ? Double.NaN : surprises / scores.size();
    boolean calibrated = weights > 0 && calibratedRisks.count() >= settings.calibration();
    ConformalHistory history = calibrated ? calibratedRisks : fallbackRisks;
    double risk = calibrated ? calibratedRisk : fallbackRisk;
    double trust = Double.isFinite(risk) ? history.pValue(risk) : 1.0;
    boolean ready = Double.isFinite(risk) && history.count() >= settings.calibration();
    if (Double.isFinite(calibratedRisk)) {
      calibratedRisks.add(calibratedRisk);
    }
    if (Double.isFinite(fallbackRisk)) {
      fallbackRisks.add(fallbackRisk);
    }

    if (!names.isEmpty()) {
      if (awaiting.size() == MAX_AWAITING) {
        awaiting.removeFirst();
      }
      awaiting.addLast(
          new Awaiting(
              at,
              names.toArray(String[]::new),
              kept.stream().mapToDouble(Double::doubleValue).toArray()));
    }
    return new TrustReading(trust, risk, calibrated, ready, scores);
  }

  private SignalScore score(
      String name, double value, double median, double spread, double z, Tracked tracked) {
    double above = tracked.zs.pValue(z);
    double below = tracked.zs.pValueAtMost(z);
    double surprise = -Math.log(Math.min(1, 2 * Math.min(above, below)));
    double rho = tracked.calibration.correlation();
    double weight =
        tracked.calibration.weight(TrustSettings.CONFIDENCE_QUANTILE, settings.minPairs());
    double directed = 0;
    if (weight > 0) {
      directed = -Math.log(rho > 0 ? above : below);
    }
    return new SignalScore(name, value, median, spread, z, rho, weight, surprise, directed);
  }

  /**
   * Evaluations after which the score can breach: 0 when the next one can. A signal needs {@value
   * #MIN_BASELINE} values for its baseline, then {@value #MIN_BASELINE} (+ delay) robust zs before
   * it is scored; the risk it makes then needs {@code calibration} (+ delay) predecessors. Counted
   * for the signal furthest along, as if it were measured at every evaluation.
   */
  public int evaluationsUntilReady() {
    int calibration = settings.calibration();
    if (fallbackRisks.count() >= calibration || calibratedRisks.count() >= calibration) {
      return 0;
    }
    int risksLeft = calibration + settings.delay() - fallbackRisks.added();
    if (fallbackRisks.added() > 0) {
      return risksLeft;
    }
    int signalLeft = MIN_BASELINE + MIN_BASELINE + settings.delay();
    for (Tracked tracked : signals.values()) {
      int left =
          Math.max(0, MIN_BASELINE - tracked.baseline.count())
              + Math.max(0, MIN_BASELINE + settings.delay() - tracked.zs.added());
      signalLeft = Math.min(signalLeft, left);
    }
    return signalLeft + risksLeft;
  }

  /** The truth arrives: the outcome counts for every evaluation made before its forecast. */
  public void onOutcome(ForecastOutcome outcome) {
    Iterator<Awaiting> iterator = awaiting.iterator();
    while (iterator.hasNext()) {
      Awaiting evaluation = iterator.next();
      if (evaluation.at.isAfter(outcome.issuedAt())) {
        continue;
      }
      evaluation.errorSum += outcome.scaledError();
      if (++evaluation.outcomes == settings.errorLag()) {
        double error = evaluation.errorSum / evaluation.outcomes;
        for (int i = 0; i < evaluation.names.length; i++) {
          Tracked tracked = signals.get(evaluation.names[i]);
          if (tracked != null) {
            tracked.calibration.add(evaluation.values[i], error);
          }
        }
        iterator.remove();
      }
    }
  }

  /** Spearman's rho of each signal with the error that followed it so far (NaN before pairs). */
  public Map<String, Double> predictiveness() {
    Map<String, Double> rho = new LinkedHashMap<>();
    signals.forEach((name, tracked) -> rho.put(name, tracked.calibration.correlation()));
    return rho;
  }

  public byte[] snapshot() {
    SnapshotWriter out = SnapshotWriter.start(SNAPSHOT_KIND, SNAPSHOT_VERSION);
    out.writeInt(signals.size());
    signals.forEach(
        (name, tracked) -> {
          out.writeString(name)
              .writeInt(tracked.baseline.count())
              .writeInt(tracked.baseline.next())
              .writeDoubles(tracked.baseline.state());
          tracked.zs.write(out);
          out.writeInt(tracked.calibration.count())
              .writeInt(tracked.calibration.next())
              .writeDoubles(tracked.calibration.signalState())
              .writeDoubles(tracked.calibration.errorState());
        });
    calibratedRisks.write(out);
    fallbackRisks.write(out);
    out.writeInt(awaiting.size());
    for (Awaiting evaluation : awaiting) {
      out.writeLong(evaluation.at.getEpochSecond())
          .writeInt(evaluation.at.getNano())
          .writeInt(evaluation.names.length);
      for (String name : evaluation.names) {
        out.writeString(name);
      }
      out.writeDoubles(evaluation.values)
          .writeDouble(evaluation.errorSum)
          .writeInt(evaluation.outcomes);
    }
    return out.toByteArray();
  }

  /** A scorer that continues where the one that wrote {@code snapshot} stopped. */
  public static TrustScorer restore(byte[] snapshot, TrustSettings settings) {
    SnapshotReader in = SnapshotReader.open(snapshot, SNAPSHOT_KIND, SNAPSHOT_VERSION);
    TrustScorer scorer = new TrustScorer(settings);
    int count = in.readInt();
    if (count < 0 || count > settings.maxSignals()) {
      throw new CorruptSnapshotException("trust snapshot tracks " + count + " signals");
    }
    for (int i = 0; i < count; i++) {
      String name = in.readString();
      Tracked tracked = new Tracked(settings);
      int baselineCount = in.readInt();
      int baselineNext = in.readInt();
      double[] baseline =
          requireLength(in.readDoubles(), settings.baseline(), baselineCount, baselineNext);
      tracked.baseline.restore(baseline, baselineCount, baselineNext);
      tracked.zs.read(in);
      int pairCount = in.readInt();
      int pairNext = in.readInt();
      double[] pairSignals = requireLength(in.readDoubles(), settings.pairs(), pairCount, pairNext);
      double[] pairErrors = requireLength(in.readDoubles(), settings.pairs(), pairCount, pairNext);
      tracked.calibration.restore(pairSignals, pairErrors, pairCount, pairNext);
      scorer.signals.put(name, tracked);
    }
    scorer.calibratedRisks.read(in);
    scorer.fallbackRisks.read(in);
    int awaiting = in.readInt();
    if (awaiting < 0 || awaiting > MAX_AWAITING) {
      throw new CorruptSnapshotException("trust snapshot has " + awaiting + " evaluations waiting");
    }
    for (int i = 0; i < awaiting; i++) {
      Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
      int names = in.readInt();
      if (names < 0 || names > settings.maxSignals()) {
        throw new CorruptSnapshotException(
            "trust snapshot has an evaluation of " + names + " signals");
      }
      String[] signalNames = new String[names];
      for (int k = 0; k < names; k++) {
        signalNames[k] = in.readString();
      }
      double[] values = in.readDoubles();
      if (values.length != names) {
        throw new CorruptSnapshotException("trust snapshot has a malformed waiting evaluation");
      }
      Awaiting evaluation = new Awaiting(at, signalNames, values);
      evaluation.errorSum = in.readDouble();
      evaluation.outcomes = in.readInt();
      scorer.awaiting.addLast(evaluation);
    }
    in.finish();
    return scorer;
  }

  private static double[] requireLength(double[] values, int capacity, int count, int next) {
    if (values.length != capacity
        || count < 0
        || count > capacity
        || next < 0
        || next >= capacity) {
      throw new CorruptSnapshotException(
          "trust snapshot has a ring of "
              + values.length
              + " for settings of "
              + capacity
              + "; restore with the settings it was written with");
    }
    return values;
  }
}
