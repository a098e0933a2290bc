package io.isowatch.core.trust;

import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;

/**
 * The byte layout of a {@link TrustScorer} snapshot. Version 4: the evaluation counter (it seeds
 * the tie-breaking draws, so a restored scorer continues identically), the checksum of the risk
 * model that scored the risk history, then the risk and peak histories. Restored with another risk
 * model, the risk history is left behind: a new model's risks are judged only against its own, so
 * the score calibrates again (its {@code calibration} evaluations) instead of comparing two models'
 * scales. Version 3 had no checksum; its risks are taken as the current model's. Versions 1 and 2
 * had no change statistic and are refused: their histories cannot be completed, so the feed's state
 * must start afresh.
 */
final class TrustScorerCodec {
  static final String KIND = "trust-scorer";
  static final int VERSION = 4;

  /** The first version with the change statistic's history: the oldest read. */
  private static final int WITH_PEAKS = 3;

  /** The first version that names the risk model. */
  private static final int WITH_MODEL = 4;

  private TrustScorerCodec() {}

  static byte[] write(TrustScorer scorer) {
    SnapshotWriter out = SnapshotWriter.start(KIND, VERSION);
    out.writeLong(scorer.evaluations);
    out.writeString(scorer.model.checksum());
    ConformalHistoryCodec.write(out, scorer.risks);
    ConformalHistoryCodec.write(out, scorer.peaks);
    return out.toByteArray();
  }

  /** Settings and model are not in the bytes: the operator's configuration owns them. */
  static TrustScorer read(byte[] snapshot, TrustSettings settings, RiskModel model) {
    SnapshotReader in = SnapshotReader.open(snapshot, KIND, VERSION);
    if (in.version() < WITH_PEAKS) {
      throw new CorruptSnapshotException(
          "trust-scorer snapshot of format "
              + in.version()
              + " predates the change statistic (format "
              + WITH_PEAKS
              + "); start this feed's state afresh");
    }
    TrustScorer scorer = new TrustScorer(settings, model);
    scorer.evaluations = in.readLong();
    if (scorer.evaluations < 0) {
      throw new CorruptSnapshotException("trust snapshot counts " + scorer.evaluations);
    }
    boolean sameModel = in.version() < WITH_MODEL || in.readString().equals(model.checksum());
    // read either way: the bytes are checked against the settings, and the peaks come after
    ConformalHistoryCodec.read(
        in, sameModel ? scorer.risks : new ConformalHistory(settings.history(), settings.delay()));
    ConformalHistoryCodec.read(in, scorer.peaks);
    in.finish();
    return scorer;
  }
}
