package io.isowatch.core.realized;

import io.isowatch.core.feed.Forecast;
import io.isowatch.core.feed.ReleasedValue;
import io.isowatch.core.predict.Prediction;
import io.isowatch.core.predict.PredictionSnapshots;
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
 * forecast is for its target time and is judged against the first value at or after it. A gap (the
 * windower's restart) between a forecast and its actual makes it missing, as does eviction when
 * {@code maxPending} are waiting.
 *
 * <p><b>Event time, not arrival.</b> Engines embed windows late and in batches: values are
 * released, and answer forecasts, ahead of the windows being judged. So the agent's forecast of a
 * window is expected from the moment the window is complete ({@link #expectAgentForecast}): its
 * actual is caught when released even if the prediction comes later. Each actual keeps the error
 * scale of its own moment ({@link RecentActuals}), and every outcome is held back until the monitor
 * asks for those whose actual is at or before a window's end ({@link #settleUntil}). What a verdict
 * sees is thus a function of event time alone, however late the embeddings come back.
 *
 * <p>Memory is fixed: see {@link #memoryBytes}.
 */
public final class RealizedErrorTracker {
  // package-private for RealizedErrorTrackerCodec, the only other reader and writer
  final TrackerLimits limits;
  RecentActuals recent;

  /** Production forecasts waiting for their actual. */
  final List<Pending> waiting = new ArrayList<>();

  /** Agent forecasts waiting for their actual (or, expected, for their prediction). */
  final List<Pending> agentWaiting = new ArrayList<>();

  /** Reconciled (or missed) forecasts not yet handed out, by actual time. */
  final List<Pending> settled = new ArrayList<>();

  final Map<ForecastOrigin, OutcomeHistory> histories = new EnumMap<>(ForecastOrigin.class);

  private RealizedErrorTracker(TrackerLimits limits) {
    this.limits = limits;
    this.recent = new RecentActuals(limits.recentActuals());
    for (ForecastOrigin origin : ForecastOrigin.values()) {
      histories.put(origin, new OutcomeHistory(limits.history()));
    }
  }

  public static RealizedErrorTracker create(TrackerLimits limits) {
    return new RealizedErrorTracker(limits);
  }

  /**
   * Bytes held at most: agent forecasts with their predictions (expected, waiting or settled), the
   * production forecasts and outcomes held, the recent actuals and the outcome histories. The
   * predictions share their bins: at most three sets, those of predictions restored from a snapshot
   * (a learning head's provisional and final bins) and those its source gives since.
   */
  public static long memoryBytes(TrackerLimits limits, int classes, int width) {
    return 2L * limits.maxAgentWaiting() * (PredictionSnapshots.memoryBytes(classes, width) + 96L)
        + 3 * PredictionSnapshots.binsBytes(classes)
        + 96L * (2L * limits.maxPending() + limits.maxReleasedAhead())
        + RecentActuals.memoryBytes(limits.recentActuals())
        + ForecastOrigin.values().length * 32L * limits.history()
        + 128;
  }

  /**
   * Expects the agent's forecast of the window that ends at {@code issuedAt}, now that the window
   * is complete and before it is embedded: its actual is caught as it is released, and the
   * prediction joins it in {@link #addAgentForecast} (or the expectation is {@link
   * #withdrawAgentForecast withdrawn}). Call it before the values released with the window are
   * taken.
   */
  public void expectAgentForecast(Instant issuedAt) {
    Pending expected =
        new Pending(
            ForecastOrigin.AGENT,
            issuedAt,
            limits.horizon(),
            null,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            null);
    expected.awaitingPrediction = true;
    enqueue(agentWaiting, limits.maxAgentWaiting(), expected);
  }

  /**
   * Drops the expectation of a forecast the agent could not make (its source had no prediction).
   */
  public void withdrawAgentForecast(Instant issuedAt) {
    Pending expected = expected(issuedAt);
    if (expected != null) {
      agentWaiting.remove(expected);
      settled.remove(expected);
    }
  }

  private Pending expected(Instant issuedAt) {
    for (List<Pending> list : List.of(agentWaiting, settled)) {
      for (Pending entry : list) {
        if (entry.awaitingPrediction && entry.issuedAt.equals(issuedAt)) {
          return entry;
        }
      }
    }
    return null;
  }

  private Instant newestOr(Instant fallback) {
    return recent.size() == 0 ? fallback : recent.time(recent.newest());
  }

  /** Registers the agent's forecast made at the end of a window at {@code issuedAt}. */
  public void addAgentForecast(
      Instant issuedAt, Prediction prediction, double lower, double upper) {
    addAgentForecast(issuedAt, prediction, lower, upper, true);
  }

  /**
   * Registers an agent forecast; one that is not {@code scored} (a head still warming up) is
   * reconciled so that the head can learn from it, but does not count in the realized error. An
   * expected forecast takes its prediction (and its actual, if caught); one not expected is
   * reconciled against the recent actuals if its actual was already released.
   */
  public void addAgentForecast(
      Instant issuedAt, Prediction prediction, double lower, double upper, boolean scored) {
    addAgentForecast(issuedAt, prediction, prediction.median(), lower, upper, scored);
  }

  /**
   * As {@link #addAgentForecast(Instant, Prediction, double, double, boolean)}, with the point
   * forecast, {@code prediction.median()}, already computed by the caller (each median takes a
   * softmax over every bin).
   */
  public void addAgentForecast(
      Instant issuedAt,
      Prediction prediction,
      double median,
      double lower,
      double upper,
      boolean scored) {
    Pending expected = expected(issuedAt);
    if (expected != null) {
      expected.predicted(prediction, median, lower, upper, scored);
      return;
    }
    Pending forecast =
        new Pending(
            ForecastOrigin.AGENT,
            issuedAt,
            limits.horizon(),
            null,
            median,
            lower,
            upper,
            prediction);
    forecast.scored = scored;
    int seenAfter = 0;
    boolean anchorHeld = false;
    for (int i = 0; i < recent.size(); i++) {
      Instant time = recent.time(i);
      if (!time.isAfter(issuedAt)) {
        anchorHeld = true;
        continue;
      }
      if (!anchorHeld) {
        // registered later than the ring reaches back: its actual can no longer be found
        settle(forecast.missedAt(issuedAt));
        return;
      }
      if (recent.afterGap(i)) {
        settle(forecast.missedAt(time));
        return;
      }
      if (++seenAfter == limits.horizon()) {
        settle(forecast.reconciledWith(time, recent.value(i), recent.scale(i)));
        return;
      }
    }
    forecast.stepsLeft = limits.horizon() - seenAfter;
    enqueue(agentWaiting, limits.maxAgentWaiting(), forecast);
  }

  /** Registers a production forecast carried by a record at {@code issuedAt}. */
  public void addProductionForecast(Instant issuedAt, Forecast forecast) {
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
    int first = 0;
    for (int i = recent.newest(); i > 0; i--) {
      if (recent.afterGap(i)) {
        first = i; // values before the last gap do not answer it
        break;
      }
    }
    for (int i = first; i < recent.size(); i++) {
      Instant time = recent.time(i);
      if (!time.isBefore(forecast.target())) {
        settle(entry.reconciledWith(time, recent.value(i), recent.scale(i)));
        return;
      }
    }
    enqueue(waiting, limits.maxPending(), entry);
  }

  /** Adds {@code forecast} to {@code queue}, evicting its oldest as missing beyond {@code max}. */
  private void enqueue(List<Pending> queue, int max, Pending forecast) {
    if (queue.size() >= max) {
      Pending evicted = queue.remove(0);
      settle(evicted.missedAt(newestOr(evicted.issuedAt)));
    }
    queue.add(forecast);
  }

  /** Takes one released value and reconciles what it answers. */
  public void onReleased(ReleasedValue released) {
    if (released.afterGap()) {
      for (List<Pending> list : List.of(waiting, agentWaiting)) {
        list.forEach(forecast -> settle(forecast.missedAt(released.time())));
        list.clear();
      }
    }
    recent.add(released);
    answer(waiting, released);
    answer(agentWaiting, released);
  }

  private void answer(List<Pending> forecasts, ReleasedValue released) {
    double scale = recent.scale(recent.newest());
    var iterator = forecasts.iterator();
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
        settle(forecast.reconciledWith(released.time(), released.value(), scale));
      }
    }
  }

  /**
   * Hands out, in order of their actuals' event time, the outcomes whose actual is at or before
   * {@code time}, and counts them (and the forecasts missed by then) in the realized error.
   */
  public List<ForecastOutcome> settleUntil(Instant time) {
    List<ForecastOutcome> outcomes = new ArrayList<>();
    // An expected forecast still without its prediction holds back what follows it: its window
    // comes before any window whose end reaches its actual, so this only waits for its embedding.
    while (!settled.isEmpty()
        && !settled.get(0).actualTime.isAfter(time)
        && !settled.get(0).awaitingPrediction) {
      count(settled.remove(0)).ifPresent(outcomes::add);
    }
    return outcomes;
  }

  /** Keeps {@code entry} in actual-time order (then origin, then issue time) until handed out. */
  private void settle(Pending entry) {
    int at = settled.size();
    while (at > 0 && entry.compareTo(settled.get(at - 1)) < 0) {
      at--;
    }
    settled.add(at, entry);
    if (settled.size() > limits.maxSettled()) {
      // Beyond the bound the oldest is counted at once, no one learns from it, and one still
      // without its prediction is missed.
      Pending oldest = settled.remove(0);
      count(oldest.awaitingPrediction ? oldest.missedAt(oldest.actualTime) : oldest);
    }
  }

  private Optional<ForecastOutcome> count(Pending entry) {
    OutcomeHistory history = histories.get(entry.origin);
    if (entry.missing) {
      if (entry.scored) {
        history.missing++;
      }
      return Optional.empty();
    }
    ForecastOutcome outcome = entry.outcome();
    if (entry.scored) {
      history.add(outcome);
    }
    return Optional.of(outcome);
  }

  /** The rolling realized error of one origin's forecasts, once any were reconciled. */
  public Optional<RealizedError> current(ForecastOrigin origin) {
    return histories.get(origin).summary(origin);
  }

  /** Production forecasts when the feed carries them, else the agent's. */
  public Optional<RealizedError> primary() {
    return current(ForecastOrigin.PRODUCTION).or(() -> current(ForecastOrigin.AGENT));
  }

  /** Forecasts made and waiting for their actual. */
  public int pendingCount() {
    return waiting.size() + (int) agentWaiting.stream().filter(f -> !f.awaitingPrediction).count();
  }

  /** This tracker's state as bytes; {@link RealizedErrorTrackerCodec} holds the layout. */
  public byte[] snapshot() {
    return RealizedErrorTrackerCodec.write(this);
  }

  /** A tracker that continues where the one that wrote {@code snapshot} stopped. */
  public static RealizedErrorTracker restore(byte[] snapshot) {
    return RealizedErrorTrackerCodec.read(snapshot);
  }

  /** A forecast waiting for its actual, then reconciled with it (or missed) until handed out. */
  static final class Pending implements Comparable<Pending> {
    final ForecastOrigin origin;
    final Instant issuedAt;
    int stepsLeft;
    final Instant target;
    double point;
    double lower;
    double upper;
    Prediction prediction;
    boolean scored = true;
    boolean awaitingPrediction;
    Instant actualTime;
    double actual = Double.NaN;
    double scale = Double.NaN;
    boolean missing;

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

    void predicted(Prediction made, double median, double low, double high, boolean counts) {
      prediction = made;
      point = median;
      lower = low;
      upper = high;
      scored = counts;
      awaitingPrediction = false;
    }

    Pending reconciledWith(Instant time, double value, double naiveScale) {
      actualTime = time;
      actual = value;
      scale = naiveScale;
      return this;
    }

    /** Missed at {@code time}: when it became clear its actual would not come. */
    Pending missedAt(Instant time) {
      actualTime = time;
      missing = true;
      return this;
    }

    ForecastOutcome outcome() {
      return new ForecastOutcome(
          origin,
          issuedAt,
          actualTime,
          point,
          lower,
          upper,
          actual,
          Math.abs(point - actual) / scale,
          Optional.ofNullable(prediction),
          scored);
    }

    @Override
    public int compareTo(Pending other) {
      int byTime = actualTime.compareTo(other.actualTime);
      if (byTime != 0) {
        return byTime;
      }
      int byOrigin = origin.compareTo(other.origin);
      return byOrigin != 0 ? byOrigin : issuedAt.compareTo(other.issuedAt);
    }
  }

  /** The last outcomes of one origin, as the sums the rolling error needs. */
  static final class OutcomeHistory {
    final double[] squaredErrors;
    final double[] squaredActuals;
    final double[] scaledErrors;

    /** 1 covered, 0 not, NaN no interval. */
    final double[] covered;

    int count;
    int next;
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
  }
}
