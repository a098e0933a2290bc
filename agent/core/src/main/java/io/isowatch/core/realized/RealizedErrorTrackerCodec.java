package io.isowatch.core.realized;

import io.isowatch.core.predict.Prediction;
import io.isowatch.core.predict.PredictionSnapshots;
import io.isowatch.core.realized.RealizedErrorTracker.OutcomeHistory;
import io.isowatch.core.realized.RealizedErrorTracker.Pending;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.time.Instant;
import java.util.List;

/**
 * The byte layout of a {@link RealizedErrorTracker} snapshot. Version 3: the limits, the recent
 * actuals ring, the three forecast lists (production waiting, agent waiting, settled), then one
 * outcome history per origin; the forecasts' predictions in {@link PredictionSnapshots} layout 2
 * (float logits, each set of bins once). Version 2 is the same with layout 1 (every prediction's
 * logits and bins as doubles), and is read. Version 1 reconciled by arrival rather than event time;
 * its pending forecasts mean something else, so it is refused.
 */
final class RealizedErrorTrackerCodec {
  static final String KIND = "realized-error";
  static final int VERSION = 3;

  private RealizedErrorTrackerCodec() {}

  static byte[] write(RealizedErrorTracker tracker) {
    TrackerLimits limits = tracker.limits;
    SnapshotWriter out =
        SnapshotWriter.start(KIND, VERSION)
            .writeInt(limits.horizon())
            .writeInt(limits.maxPending())
            .writeInt(limits.maxExpected())
            .writeInt(limits.maxReleasedAhead())
            .writeInt(limits.recentActuals())
            .writeInt(limits.history());
    RecentActualsCodec.write(out, tracker.recent);
    PredictionSnapshots.Writer predictions = PredictionSnapshots.writer();
    for (List<Pending> list : List.of(tracker.waiting, tracker.agentWaiting, tracker.settled)) {
      out.writeInt(list.size());
      for (Pending forecast : list) {
        writePending(out, forecast, predictions);
      }
    }
    for (ForecastOrigin origin : ForecastOrigin.values()) {
      writeHistory(out, tracker.histories.get(origin));
    }
    return out.toByteArray();
  }

  static RealizedErrorTracker read(byte[] snapshot) {
    SnapshotReader in = SnapshotReader.open(snapshot, KIND, VERSION);
    if (in.version() < 2) {
      throw new CorruptSnapshotException(
          "realized-error snapshot of format "
              + in.version()
              + " was written by an older isowatch that reconciled by arrival, not event time;"
              + " start this feed's state afresh");
    }
    RealizedErrorTracker tracker;
    try {
      tracker =
          RealizedErrorTracker.create(
              new TrackerLimits(
                  in.readInt(),
                  in.readInt(),
                  in.readInt(),
                  in.readInt(),
                  in.readInt(),
                  in.readInt()));
    } catch (IllegalArgumentException e) {
      throw new CorruptSnapshotException("realized-error snapshot: " + e.getMessage());
    }
    RecentActuals ring = RecentActualsCodec.read(in);
    if (ring.capacity() != tracker.limits.recentActuals()) {
      throw new CorruptSnapshotException("realized-error snapshot has a bad actuals ring");
    }
    tracker.recent = ring;
    PredictionSnapshots.Reader predictions =
        PredictionSnapshots.reader(in.version() == 2 ? 1 : PredictionSnapshots.LAYOUT);
    readList(in, tracker.waiting, tracker.limits.maxPending(), predictions);
    readList(in, tracker.agentWaiting, tracker.limits.maxAgentWaiting(), predictions);
    readList(in, tracker.settled, tracker.limits.maxSettled(), predictions);
    for (ForecastOrigin origin : ForecastOrigin.values()) {
      readHistory(in, tracker.histories.get(origin));
    }
    in.finish();
    return tracker;
  }

  private static void readList(
      SnapshotReader in, List<Pending> into, int max, PredictionSnapshots.Reader predictions) {
    int count = in.readInt();
    if (count < 0 || count > max) {
      throw new CorruptSnapshotException(
          "realized-error snapshot holds " + count + " forecasts, at most " + max + " expected");
    }
    for (int i = 0; i < count; i++) {
      into.add(readPending(in, predictions));
    }
  }

  private static void writePending(
      SnapshotWriter out, Pending forecast, PredictionSnapshots.Writer predictions) {
    out.writeInt(forecast.origin.ordinal());
    out.writeInstant(forecast.issuedAt);
    out.writeInt(forecast.stepsLeft)
        .writeBoolean(forecast.scored)
        .writeBoolean(forecast.awaitingPrediction)
        .writeBoolean(forecast.target != null);
    if (forecast.target != null) {
      out.writeInstant(forecast.target);
    }
    out.writeDouble(forecast.point).writeDouble(forecast.lower).writeDouble(forecast.upper);
    out.writeBoolean(forecast.prediction != null);
    if (forecast.prediction != null) {
      predictions.write(out, forecast.prediction);
    }
    out.writeBoolean(forecast.actualTime != null);
    if (forecast.actualTime != null) {
      out.writeInstant(forecast.actualTime);
      out.writeDouble(forecast.actual).writeDouble(forecast.scale).writeBoolean(forecast.missing);
    }
  }

  private static Pending readPending(SnapshotReader in, PredictionSnapshots.Reader predictions) {
    int ordinal = in.readInt();
    if (ordinal < 0 || ordinal >= ForecastOrigin.values().length) {
      throw new CorruptSnapshotException("unknown forecast origin " + ordinal);
    }
    Instant issuedAt = in.readInstant();
    int stepsLeft = in.readInt();
    boolean scored = in.readBoolean();
    boolean awaitingPrediction = in.readBoolean();
    Instant target = in.readBoolean() ? in.readInstant() : null;
    double point = in.readDouble();
    double lower = in.readDouble();
    double upper = in.readDouble();
    Prediction prediction = in.readBoolean() ? predictions.read(in) : null;
    Pending forecast =
        new Pending(
            ForecastOrigin.values()[ordinal],
            issuedAt,
            stepsLeft,
            target,
            point,
            lower,
            upper,
            prediction);
    forecast.scored = scored;
    forecast.awaitingPrediction = awaitingPrediction;
    if (in.readBoolean()) {
      forecast.actualTime = in.readInstant();
      forecast.actual = in.readDouble();
      forecast.scale = in.readDouble();
      forecast.missing = in.readBoolean();
    }
    return forecast;
  }

  private static void writeHistory(SnapshotWriter out, OutcomeHistory history) {
    out.writeInt(history.count)
        .writeInt(history.next)
        .writeLong(history.reconciled)
        .writeLong(history.missing)
        .writeDoubles(history.squaredErrors)
        .writeDoubles(history.squaredActuals)
        .writeDoubles(history.scaledErrors)
        .writeDoubles(history.covered);
  }

  private static void readHistory(SnapshotReader in, OutcomeHistory history) {
    history.count = in.readInt();
    history.next = in.readInt();
    history.reconciled = in.readLong();
    history.missing = in.readLong();
    if (history.count < 0
        || history.count > history.capacity()
        || history.next < 0
        || history.next >= history.capacity()) {
      throw new CorruptSnapshotException("realized-error snapshot has a bad outcome history");
    }
    copy(in.readDoubles(), history.squaredErrors);
    copy(in.readDoubles(), history.squaredActuals);
    copy(in.readDoubles(), history.scaledErrors);
    copy(in.readDoubles(), history.covered);
  }

  private static void copy(double[] from, double[] to) {
    if (from.length != to.length) {
      throw new CorruptSnapshotException("realized-error snapshot has a bad outcome history");
    }
    System.arraycopy(from, 0, to, 0, to.length);
  }
}
