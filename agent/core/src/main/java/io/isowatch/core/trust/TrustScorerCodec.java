package io.isowatch.core.trust;

import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;

/**
 * The byte layout of a {@link TrustScorer} snapshot. Version 3: the evaluation counter (it seeds
 * the tie-breaking draws, so a restored scorer continues identically), then the risk and peak
 * histories. Versions 1 and 2 had no change statistic and are refused: their histories cannot be
 * completed, so the feed's state must start afresh.
 */
final class TrustScorerCodec {
  static final String KIND = "trust-scorer";
  static final int VERSION = 3;

  private TrustScorerCodec() {}

  static byte[] write(TrustScorer scorer) {
    SnapshotWriter out = SnapshotWriter.start(KIND, VERSION);
    out.writeLong(scorer.evaluations);
    ConformalHistoryCodec.write(out, scorer.risks);
    ConformalHistoryCodec.write(out, scorer.peaks);
    return out.toByteArray();
  }

  /** Settings and model are not in the bytes: the operator's configuration owns them. */
  static TrustScorer read(byte[] snapshot, TrustSettings settings, RiskModel model) {
    SnapshotReader in = SnapshotReader.open(snapshot, KIND, VERSION);
    if (in.version() < VERSION) {
      throw new CorruptSnapshotException(
          "trust-scorer snapshot of format "
              + in.version()
              + " predates the change statistic (format "
              + VERSION
              + "); start this feed's state afresh");
    }
    TrustScorer scorer = new TrustScorer(settings, model);
    scorer.evaluations = in.readLong();
    if (scorer.evaluations < 0) {
      throw new CorruptSnapshotException("trust snapshot counts " + scorer.evaluations);
    }
    ConformalHistoryCodec.read(in, scorer.risks);
    ConformalHistoryCodec.read(in, scorer.peaks);
    in.finish();
    return scorer;
  }
}
