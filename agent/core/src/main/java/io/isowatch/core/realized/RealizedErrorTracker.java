package io.isowatch.core.realized;

import io.isowatch.core.feed.Forecast;
import io.isowatch.core.feed.ReleasedValue;
import io.isowatch.core.predict.Prediction;
import io.isowatch.core.predict.PredictionSnapshots;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds a feed's forecasts until their actuals arrive, reconciles them, and keeps the rolling
 * realized error per origin.
 *
 * <p>Actuals are the windower's released values: final and in event-time order, so a late actual
 * (within the allowed lateness) is matched with its own forecast, never with a neighbour. An agent
 * forecast made at the end of a window is for the {@code horizon}-th value after it; a production
 * forecast is for its target time and is judged against the first value at or after it. Because
 * engines embed asynchronously, a forecast can be registered after its actual was released: the
 * last {@code recentActuals} values are kept to resolve it at once. A gap (the windower's restart)
 * makes every pending forecast missing, as does eviction when {@code maxPending} are waiting.
 *
 * <p>Memory is fixed: pending forecasts (each with its prediction, see {@link
 * PredictionSnapshots#memoryBytes}), 16 bytes per recent actual and 32 per outcome in history, per
 * origin.
 */
public final class RealizedErrorTracker {
  static final String SNAPSHOT_KIND = "realized-error";
  static final int SNAPSHOT_VERSION = 1;

  private final int horizon;
  private final int maxPending;
  private final List<Pending> pending = new ArrayList<>();
  private final long[] recentTimes;
  private final double[] recentValues;
  private int recentCount;
  private int recentNext;
  private final Map<ForecastOrigin, OutcomeHistory> histories = new EnumMap<>(ForecastOrigin.class);

  private RealizedErrorTracker(int horizon, int maxPending, int recentActuals, int history) {
    this.horizon = horizon;
    this.maxPending = maxPending;
    this.recentTimes = new long[2 * recentActuals];
    this.recentValues = new double[recentActuals];
    for (ForecastOrigin origin : ForecastOrigin.values()) {
      histories.put(origin, new OutcomeHistory(history));
    }
  }

  /**
   * @param horizon which value after a window an agent forecast is for (1 = the next)
   * @param maxPending forecasts waiting at most; the oldest is evicted as missing beyond
   * @param recentActuals released values kept to resolve forecasts registered late, and to scale
   *     errors (at least {@code horizon + 1})
   * @param history outcomes the rolling error is computed over
   */
  public static RealizedErrorTracker create(
      int horizon, int maxPending, int recentActuals, int history) {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
    }
    if (maxPending < 1 || history < 1) {
      throw new IllegalArgumentException("maxPending and history must be at least 1");
    }
    if (recentActuals < horizon + 1) {
      throw new IllegalArgumentException(
          "recentActuals must be at least horizon + 1 = "
              + (horizon + 1)
              + ", got "
              + recentActuals);
    }
    return new RealizedErrorTracker(horizon, maxPending, recentActuals, history);
  }

  public static long memoryBytes(
      int maxPending, int recentActuals, int history, int classes, int width) {
    return maxPending * (PredictionSnapshots.memoryBytes(classes, width) + 80L)
        + 24L * recentActuals
        + ForecastOrigin.values().length * 32L * history
        + 128;
  }

  /**
   * Registers the agent's forecast made at the end of a window at {@code issuedAt}; returns its
   * outcome at once if its actual was already released.
   */
  public Optional<ForecastOutcome> addAgentForecast(
      Instant issuedAt, Prediction prediction, double lower, double upper) {
    return addAgentForecast(issuedAt, prediction, lower, upper, true);
  }

  /**
   * Registers an agent forecast; one that is not {@code scored} (a head still warming up) is
   * reconciled so that the head can learn from it, but does not count in the realized error.
   */
  public Optional<ForecastOutcome> addAgentForecast(
      Instant issuedAt, Prediction prediction, double lower, double upper, boolean scored) {
    Pending forecast =
        new Pending(
            ForecastOrigin.AGENT,
            issuedAt,
            horizon,
            null,
            prediction.median(),
            lower,
            upper,
            prediction);
    forecast.scored = scored;
    int seenAfter = 0;
    boolean anchorCovered = false;
    for (int i = 0; i < recentCount; i++) {
      int slot = Math.floorMod(recentNext - recentCount + i, recentValues.length);
      Instant time = recentTime(slot);
      if (!time.isAfter(issuedAt)) {
        anchorCovered = true;
        continue;
      }
      if (!anchorCovered) {
        // the values right after the window are no longer held (or a gap intervened)
        if (scored) {
          histories.get(ForecastOrigin.AGENT).missing++;
        }
        return Optional.empty();
      }
      if (++seenAfter == horizon) {
        return Optional.of(reconcile(forecast, time, recentValues[slot]));
      }
    }
    forecast.stepsLeft = horizon - seenAfter;
    enqueue(forecast);
    return Optional.empty();
  }

  /** Registers a production forecast carried by a record at {@code issuedAt}. */
  public Optional<ForecastOutcome> addProductionForecast(Instant issuedAt, Forecast forecast) {
    Pending entry =
        new Pending(
            ForecastOrigin.PRODUCTION,
            issuedAt,
            0,
            forecast.target(),
            forecast.point(),
            forecast.lower(),
            forecast.upper(),
            null);
    for (int i = 0; i < recentCount; i++) {
      int slot = Math.floorMod(recentNext - recentCount + i, recentValues.length);
      Instant time = recentTime(slot);
      if (!time.isBefore(forecast.target())) {
        return Optional.of(reconcile(entry, time, recentValues[slot]));
      }
    }
    enqueue(entry);
    return Optional.empty();
  }

  private void enqueue(Pending forecast) {
    if (pending.size() == maxPending) {
      countMissing(pending.remove(0));
    }
    pending.add(forecast);
  }

  /** Takes one released value: reconciles what it answers, and returns those outcomes. */
  public List<ForecastOutcome> onReleased(ReleasedValue released) {
    if (released.afterGap()) {
      pending.forEach(this::countMissing);
      pending.clear();
      recentCount = 0;
    }
    remember(released);
    List<ForecastOutcome> outcomes = new ArrayList<>();
    var iterator = pending.iterator();
    while (iterator.hasNext()) {
      Pending forecast = iterator.next();
      boolean due;
      if (forecast.origin == ForecastOrigin.AGENT) {
        due = released.time().isAfter(forecast.issuedAt) && --forecast.stepsLeft == 0;
      } else {
        due = !released.time().isBefore(forecast.target);
      }
      if (due) {
        iterator.remove();
        outcomes.add(reconcile(forecast, released.time(), released.value()));
      }
    }
    return outcomes;
  }

  private void countMissing(Pending forecast) {
    if (forecast.scored) {
      histories.get(forecast.origin).missing++;
    }
  }

  private void remember(ReleasedValue released) {
    recentTimes[2 * recentNext] = released.time().getEpochSecond();
    recentTimes[2 * recentNext + 1] = released.time().getNano();
    recentValues[recentNext] = released.value();
    recentNext = (recentNext + 1) % recentValues.length;
    recentCount = Math.min(recentCount + 1, recentValues.length);
  }

  private Instant recentTime(int slot) {
    return Instant.ofEpochSecond(recentTimes[2 * slot], recentTimes[2 * slot + 1]);
  }

  /** Mean absolute step of the recent actuals: the error of a naive last-value forecast. */
  double naiveScale() {
    double sum = 0;
    double level = 0;
    for (int i = 0; i < recentCount; i++) {
      int slot = Math.floorMod(recentNext - recentCount + i, recentValues.length);
      level += Math.abs(recentValues[slot]) / recentCount;
      if (i > 0) {
        int previous = Math.floorMod(slot - 1, recentValues.length);
        sum += Math.abs(recentValues[slot] - recentValues[previous]);
      }
    }
    double scale = recentCount > 1 ? sum / (recentCount - 1) : 0;
    // a flat feed still needs a positive scale; a millionth of its level keeps errors comparable
    return Math.max(scale, 1e-6 * Math.max(level, 1e-6));
  }

  private ForecastOutcome reconcile(Pending forecast, Instant actualTime, double actual) {
    double scaledError = Math.abs(forecast.point - actual) / naiveScale();
    ForecastOutcome outcome =
        new ForecastOutcome(
            forecast.origin,
            forecast.issuedAt,
            actualTime,
            forecast.point,
            forecast.lower,
            forecast.upper,
            actual,
            scaledError,
            Optional.ofNullable(forecast.prediction),
            forecast.scored);
    if (forecast.scored) {
      histories.get(forecast.origin).add(outcome);
    }
    return outcome;
  }

  /** The rolling realized error of one origin's forecasts, once any were reconciled. */
  public Optional<RealizedError> current(ForecastOrigin origin) {
    return histories.get(origin).summary(origin);
  }

  /** Production forecasts when the feed carries them, else the agent's. */
  public Optional<RealizedError> primary() {
    return current(ForecastOrigin.PRODUCTION).or(() -> current(ForecastOrigin.AGENT));
  }

  public int pendingCount() {
    return pending.size();
  }

  public byte[] snapshot() {
    SnapshotWriter out =
        SnapshotWriter.start(SNAPSHOT_KIND, SNAPSHOT_VERSION)
            .writeInt(horizon)
            .writeInt(maxPending)
            .writeInt(recentValues.length)
            .writeInt(histories.get(ForecastOrigin.AGENT).capacity())
            .writeInt(recentCount)
            .writeInt(recentNext);
    for (int i = 0; i < recentValues.length; i++) {
      out.writeLong(recentTimes[2 * i]).writeLong(recentTimes[2 * i + 1]);
    }
    out.writeDoubles(recentValues);
    out.writeInt(pending.size());
    for (Pending forecast : pending) {
      forecast.write(out);
    }
    for (ForecastOrigin origin : ForecastOrigin.values()) {
      histories.get(origin).write(out);
    }
    return out.toByteArray();
  }

  public static RealizedErrorTracker restore(byte[] snapshot) {
    SnapshotReader in = SnapshotReader.open(snapshot, SNAPSHOT_KIND, SNAPSHOT_VERSION);
    int horizon = in.readInt();
    int maxPending = in.readInt();
    int recent = in.readInt();
    int history = in.readInt();
    RealizedErrorTracker tracker;
    try {
      tracker = create(horizon, maxPending, recent, history);
    } catch (IllegalArgumentException e) {
      throw new CorruptSnapshotException("realized-error snapshot: " + e.getMessage());
    }
    tracker.recentCount = in.readInt();
    tracker.recentNext = in.readInt();
    if (tracker.recentCount < 0
        || tracker.recentCount > recent
        || tracker.recentNext < 0
        || tracker.recentNext >= recent) {
      throw new CorruptSnapshotException("realized-error snapshot has a bad actuals ring");
    }
    for (int i = 0; i < recent; i++) {
      tracker.recentTimes[2 * i] = in.readLong();
      tracker.recentTimes[2 * i + 1] = in.readLong();
    }
    double[] values = in.readDoubles();
    if (values.length != recent) {
      throw new CorruptSnapshotException("realized-error snapshot has a bad actuals ring");
    }
    System.arraycopy(values, 0, tracker.recentValues, 0, recent);
    int pendingCount = in.readInt();
    if (pendingCount < 0 || pendingCount > maxPending) {
      throw new CorruptSnapshotException(
          "realized-error snapshot has " + pendingCount + " pending forecasts");
    }
    for (int i = 0; i < pendingCount; i++) {
      tracker.pending.add(Pending.read(in));
    }
    for (ForecastOrigin origin : ForecastOrigin.values()) {
      tracker.histories.get(origin).read(in);
    }
    in.finish();
    return tracker;
  }

  /** A forecast waiting for its actual. */
  private static final class Pending {
    final ForecastOrigin origin;
    final Instant issuedAt;
    int stepsLeft;
    final Instant target;
    final double point;
    final double lower;
    final double upper;
    final Prediction prediction;
    boolean scored = true;

    Pending(
        ForecastOrigin origin,
        Instant issuedAt,
        int stepsLeft,
        Instant target,
        double point,
        double lower,
        double upper,
        Prediction prediction) {
      this.origin = origin;
      this.issuedAt = issuedAt;
      this.stepsLeft = stepsLeft;
      this.target = target;
      this.point = point;
      this.lower = lower;
      this.upper = upper;
      this.prediction = prediction;
    }

    void write(SnapshotWriter out) {
      out.writeInt(origin.ordinal())
          .writeLong(issuedAt.getEpochSecond())
          .writeInt(issuedAt.getNano())
          .writeInt(stepsLeft)
          .writeBoolean(scored)
          .writeBoolean(target != null);
      if (target != null) {
        out.writeLong(target.getEpochSecond()).writeInt(target.getNano());
      }
      out.writeDouble(point).writeDouble(lower).writeDouble(upper);
      out.writeBoolean(prediction != null);
      if (prediction != null) {
        PredictionSnapshots.write(out, prediction);
      }
    }

    static Pending read(SnapshotReader in) {
      int ordinal = in.readInt();
      if (ordinal < 0 || ordinal >= ForecastOrigin.values().length) {
        throw new CorruptSnapshotException("unknown forecast origin " + ordinal);
      }
      Instant issuedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
      int stepsLeft = in.readInt();
      boolean scored = in.readBoolean();
      Instant target = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
      double point = in.readDouble();
      double lower = in.readDouble();
      double upper = in.readDouble();
      Prediction prediction = in.readBoolean() ? PredictionSnapshots.read(in) : null;
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
      return forecast;
    }
  }

  /** The last outcomes of one origin, as the sums the rolling error needs. */
  private static final class OutcomeHistory {
    private final double[] squaredErrors;
    private final double[] squaredActuals;
    private final double[] scaledErrors;

    /** 1 covered, 0 not, NaN no interval. */
    private final double[] covered;

    private int count;
    private int next;
    long reconciled;
    long missing;

    OutcomeHistory(int capacity) {
      squaredErrors = new double[capacity];
      squaredActuals = new double[capacity];
      scaledErrors = new double[capacity];
      covered = new double[capacity];
    }

    int capacity() {
      return squaredErrors.length;
    }

    void add(ForecastOutcome outcome) {
      squaredErrors[next] = outcome.error() * outcome.error();
      squaredActuals[next] = outcome.actual() * outcome.actual();
      scaledErrors[next] = outcome.scaledError();
      covered[next] = outcome.covered().map(inside -> inside ? 1.0 : 0.0).orElse(Double.NaN);
      next = (next + 1) % capacity();
      count = Math.min(count + 1, capacity());
      reconciled++;
    }

    Optional<RealizedError> summary(ForecastOrigin origin) {
      if (count == 0) {
        return Optional.empty();
      }
      double errors = 0;
      double actuals = 0;
      double scaled = 0;
      double inside = 0;
      int withInterval = 0;
      for (int i = 0; i < count; i++) {
        errors += squaredErrors[i];
        actuals += squaredActuals[i];
        scaled += scaledErrors[i];
        if (!Double.isNaN(covered[i])) {
          inside += covered[i];
          withInterval++;
        }
      }
      double nmse = actuals > 0 ? errors / actuals : (errors > 0 ? Double.POSITIVE_INFINITY : 0);
      return Optional.of(
          new RealizedError(
              origin,
              nmse,
              scaled / count,
              withInterval == 0 ? Double.NaN : inside / withInterval,
              count,
              reconciled,
              missing));
    }

    void write(SnapshotWriter out) {
      out.writeInt(count)
          .writeInt(next)
          .writeLong(reconciled)
          .writeLong(missing)
          .writeDoubles(squaredErrors)
          .writeDoubles(squaredActuals)
          .writeDoubles(scaledErrors)
          .writeDoubles(covered);
    }

    void read(SnapshotReader in) {
      count = in.readInt();
      next = in.readInt();
      reconciled = in.readLong();
      missing = in.readLong();
      if (count < 0 || count > capacity() || next < 0 || next >= capacity()) {
        throw new CorruptSnapshotException("realized-error snapshot has a bad outcome history");
      }
      copy(in.readDoubles(), squaredErrors);
      copy(in.readDoubles(), squaredActuals);
      copy(in.readDoubles(), scaledErrors);
      copy(in.readDoubles(), covered);
    }

    private static void copy(double[] from, double[] to) {
      if (from.length != to.length) {
        throw new CorruptSnapshotException("realized-error snapshot has a bad outcome history");
      }
      System.arraycopy(from, 0, to, 0, to.length);
    }
  }
}
