package io.isowatch.core.monitor;

import io.isowatch.core.drift.ShiftDriftTracker;
import io.isowatch.core.feed.FeedWindower;
import io.isowatch.core.geometry.RollingCloudTracker;
import io.isowatch.core.predict.SoftmaxSources;
import io.isowatch.core.raw.RawFeatures;
import io.isowatch.core.realized.RealizedErrorTracker;
import io.isowatch.core.realized.RealizedSurpriseCodec;
import io.isowatch.core.realized.SurpriseMartingaleCodec;
import io.isowatch.core.risk.RawView;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.risk.SignalVectorBuilder;
import io.isowatch.core.risk.SignalVectorBuilderCodec;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import io.isowatch.core.trust.TrustPolicy;
import io.isowatch.core.trust.TrustScorer;
import java.time.Clock;
import java.util.Optional;

/**
 * The byte layout of a {@link FeedMonitor} snapshot, versions 5 to 9: the feed id, each part's own
 * snapshot (windower, window cloud, softmax source, drift, realized error, trust scorer and
 * policy), then the monitor's own state: the token sums and counts since the last evaluation, the
 * start of the evaluation in progress, the gap counts and the raw views of windows waiting for
 * their embedding, and the signal-vector builder. Older formats are refused: their parts cannot be
 * completed, so the feed's state must start afresh.
 *
 * <p>Version 6 has version 5's layout, but its change statistic is another one: each value counts
 * with the larger of its value z and its step z, and a version 5 snapshot's recent peaks and their
 * conformal history are of the value z alone. Restored, they would judge the new statistic against
 * the old one's history for 256 evaluations, so version 5 is refused like the older formats.
 *
 * <p>Version 7 has version 6's layout. Its parts' formats moved on (the drift tracker's and the
 * realized-error tracker's predictions hold float logits; each part still reads its older format),
 * but its change statistic is another one again: the peak also takes the |z| of the newest steps'
 * scale, so version 6 is refused like version 5.
 *
 * <p>Version 8 adds, after the raw views, the largest peak |z| of the windows embedded since the
 * last evaluation. Version 7's change statistic was the evaluated window's peak alone, which with
 * several windows between evaluations spans fewer values than the new one; its conformal history
 * describes the old statistic, so version 7 is refused like version 6.
 *
 * <p>Version 9 has version 8's layout, but the change statistic also takes the |z| of the newest
 * values' lag autocorrelation: version 8's peaks and their history are of the statistic without it,
 * so version 8 is refused like version 7.
 *
 * <p>Version 10 has version 9's layout, but the change statistic also takes the |z| of the newest
 * values' median against the older values' (a robust level shift): version 9's peaks and their
 * history are of the statistic without it, so version 9 is refused like version 8.
 *
 * <p>Version 11 adds, at the end, the surprise martingale ({@code SurpriseMartingaleCodec}), and
 * holds the window cloud in {@code rolling-cloud} version 2: the geometry's norms are summed in
 * four partial sums, which moves the stored measures, token sums and risk histories in their last
 * bits. Version 10 is still read: its martingale starts empty, and the rest continues like a fresh
 * monitor up to those bits.
 *
 * <p>Version 12 has version 11's layout, with its trust scorer in {@code trust-scorer} version 4,
 * which names the risk model that scored its history: a monitor restored with another risk model
 * calibrates its trust score afresh. Version 11 is still read, its risks taken as the current
 * model's.
 */
final class FeedMonitorCodec {
  static final String KIND = "feed-monitor";
  static final int VERSION = 12;

  /** The oldest version read: 10 lacks only the martingale and the last bits of some values. */
  static final int OLDEST_READ = 10;

  /** The first version that holds the surprise martingale. */
  private static final int MARTINGALE_SINCE = 11;

  private FeedMonitorCodec() {}

  static byte[] write(FeedMonitor monitor) {
    SnapshotWriter out =
        SnapshotWriter.start(KIND, VERSION)
            .writeString(monitor.feedId)
            .writeBytes(monitor.windower.snapshot())
            .writeBytes(monitor.windowVectors.snapshot())
            .writeBytes(monitor.softmax.snapshot())
            .writeBytes(monitor.drift.snapshot())
            .writeBytes(monitor.realized.snapshot())
            .writeBytes(monitor.scorer.snapshot())
            .writeBytes(monitor.policy.snapshot())
            .writeBoolean(monitor.carriesProductionForecasts)
            .writeDoubles(monitor.tokenSums);
    for (int count : monitor.tokenCounts) {
      out.writeInt(count);
    }
    out.writeOptionalInstant(monitor.evaluationStart);
    out.writeLong(monitor.gapsReleased)
        .writeLong(monitor.gapsJudged)
        .writeInt(monitor.gapsAtWindow.size());
    for (long[] entry : monitor.gapsAtWindow) {
      out.writeLong(entry[0]).writeLong(entry[1]);
    }
    SignalVectorBuilderCodec.write(out, monitor.features);
    RealizedSurpriseCodec.write(out, monitor.surprise);
    writeView(out, monitor.lastRaw());
    out.writeInt(monitor.rawAtWindow.size());
    for (FeedMonitor.RawAtWindow entry : monitor.rawAtWindow) {
      out.writeLong(entry.sequence());
      writeView(out, entry.features());
    }
    out.writeDouble(monitor.peakSinceEvaluation);
    SurpriseMartingaleCodec.write(out, monitor.martingale);
    return out.toByteArray();
  }

  /**
   * Settings, softmax sources and risk model are not in the bytes: the operator's configuration
   * owns them, and they must be those the monitor was created with.
   */
  static FeedMonitor read(
      byte[] snapshot, MonitorSettings settings, SoftmaxSources sources, RiskModel model) {
    SnapshotReader in = SnapshotReader.open(snapshot, KIND, VERSION);
    if (in.version() < OLDEST_READ) {
      throw new CorruptSnapshotException(
          "feed-monitor snapshot of format "
              + in.version()
              + " was written by an older isowatch; this build reads formats "
              + OLDEST_READ
              + " to "
              + VERSION
              + ": start this feed's state afresh (clear the engine's state store or savepoint)");
    }
    String feedId = in.readString();
    FeedMonitor monitor =
        new FeedMonitor(
            feedId,
            settings,
            FeedWindower.restore(in.readBytes()),
            RollingCloudTracker.restore(in.readBytes()),
            sources.restore(in.readBytes()),
            ShiftDriftTracker.restore(in.readBytes()),
            RealizedErrorTracker.restore(in.readBytes()),
            TrustScorer.restore(in.readBytes(), settings.trust(), model),
            TrustPolicy.restore(in.readBytes(), feedId, settings.trust(), Clock.systemUTC()),
            new SignalVectorBuilder());
    monitor.carriesProductionForecasts = in.readBoolean();
    double[] sums = in.readDoubles();
    if (sums.length != FeedMonitor.TOKEN_SIGNALS) {
      throw new CorruptSnapshotException(
          "feed-monitor snapshot has "
              + sums.length
              + " token sums, expected "
              + FeedMonitor.TOKEN_SIGNALS);
    }
    System.arraycopy(sums, 0, monitor.tokenSums, 0, FeedMonitor.TOKEN_SIGNALS);
    for (int i = 0; i < FeedMonitor.TOKEN_SIGNALS; i++) {
      monitor.tokenCounts[i] = in.readInt();
    }
    monitor.evaluationStart = in.readOptionalInstant();
    monitor.gapsReleased = in.readLong();
    monitor.gapsJudged = in.readLong();
    int waiting = in.readInt();
    if (waiting < 0 || waiting > settings.maxEmbeddingLag() + 1) {
      throw new CorruptSnapshotException(
          "feed-monitor snapshot has " + waiting + " windows waiting for their embedding");
    }
    for (int i = 0; i < waiting; i++) {
      monitor.gapsAtWindow.addLast(new long[] {in.readLong(), in.readLong()});
    }
    SignalVectorBuilderCodec.read(in, monitor.features);
    RealizedSurpriseCodec.read(in, monitor.surprise);
    monitor.lastRaw = readView(in);
    int rawWaiting = in.readInt();
    if (rawWaiting < 0 || rawWaiting > settings.maxEmbeddingLag() + 1) {
      throw new CorruptSnapshotException(
          "feed-monitor snapshot has " + rawWaiting + " raw views waiting for their embedding");
    }
    for (int i = 0; i < rawWaiting; i++) {
      monitor.rawAtWindow.addLast(new FeedMonitor.RawAtWindow(in.readLong(), readView(in)));
    }
    double peak = in.readDouble();
    if (!(Double.isNaN(peak) || peak >= 0)) {
      throw new CorruptSnapshotException(
          "feed-monitor snapshot has a peak |z| of " + peak + " since the last evaluation");
    }
    monitor.peakSinceEvaluation = peak;
    if (in.version() >= MARTINGALE_SINCE) {
      SurpriseMartingaleCodec.read(in, monitor.martingale);
    }
    in.finish();
    return monitor;
  }

  /** A raw view: both histories' features (empty while warming up) and the peak |z|. */
  private static void writeView(SnapshotWriter out, RawView raw) {
    writeFeatures(out, raw.longHistory());
    writeFeatures(out, raw.shortHistory());
    out.writeDouble(raw.peakValueZ());
  }

  private static void writeFeatures(SnapshotWriter out, Optional<RawFeatures> raw) {
    out.writeDoubles(raw.map(RawFeatures::toArray).orElse(new double[0]));
  }

  private static RawView readView(SnapshotReader in) {
    Optional<RawFeatures> longHistory = readFeatures(in);
    Optional<RawFeatures> shortHistory = readFeatures(in);
    return new RawView(longHistory, shortHistory, in.readDouble());
  }

  private static Optional<RawFeatures> readFeatures(SnapshotReader in) {
    double[] values = in.readDoubles();
    if (values.length == 0) {
      return Optional.empty();
    }
    if (values.length != RawFeatures.NAMES.length) {
      throw new CorruptSnapshotException(
          "feed-monitor snapshot has " + values.length + " raw features");
    }
    return Optional.of(RawFeatures.of(values));
  }
}
