package io.isowatch.cli.console;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.feed.FeedName;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.monitor.WarmUp;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.engine.report.EngineListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts what a run did, in total and per feed, for the summary a bounded run ends with:
 * observations accepted by their feed's windower, records rejected (by reason; each record is one
 * or the other), window restarts after gaps, windows embedded, alerts fired (by severity) and
 * resolved, and each feed's latest warm-up state.
 *
 * <p>Bounded: it keeps a row for at most {@code maxFeeds} feed ids, in order of first appearance;
 * counts of later feeds go to the row {@link #OTHER_FEEDS}, and rejections that name no feed (a
 * line whose feed could not be read, or whose feed name breaks the rules) to {@link #NO_FEED}.
 */
public final class RunTally implements EngineListener {
  public static final String NO_FEED = "(no feed)";
  public static final String OTHER_FEEDS = "(other feeds)";

  /** One feed's counts. */
  public record FeedRow(
      String feedId, long observations, long rejected, long windows, long firing, long resolved) {}

  private final int maxFeeds;
  private long observations;
  private long windows;
  private long resolved;
  private final long[] rejected = new long[RejectionReason.values().length];
  private final long[] firing = new long[Severity.values().length];
  private final Map<String, long[]> feeds = new LinkedHashMap<>();
  private final Map<String, WarmUp> warmUps = new LinkedHashMap<>();
  private final Map<String, Instant> activeSince = new LinkedHashMap<>();
  private int feedRows;

  private static final int OBSERVATIONS = 0;
  private static final int REJECTED = 1;
  private static final int WINDOWS = 2;
  private static final int FIRING = 3;
  private static final int RESOLVED = 4;
  private static final int COUNTS = 5;

  public RunTally(int maxFeeds) {
    if (maxFeeds < 1) {
      throw new IllegalArgumentException("maxFeeds must be at least 1, got " + maxFeeds);
    }
    this.maxFeeds = maxFeeds;
  }

  @Override
  public synchronized void observed(String feedId) {
    observations++;
    row(feedId)[OBSERVATIONS]++;
  }

  @Override
  public synchronized void rejected(Rejection rejection) {
    rejected[rejection.reason().ordinal()]++;
    if (rejection.reason().refusesRecord()) {
      // A name that breaks the rules is no feed: it would only make a row for itself.
      String feed =
          rejection.feedId().filter(name -> FeedName.problem(name).isEmpty()).orElse(NO_FEED);
      row(feed)[REJECTED]++;
    }
  }

  @Override
  public synchronized void windowMeasured(String feedId) {
    windows++;
    row(feedId)[WINDOWS]++;
  }

  @Override
  public synchronized void verdict(WindowVerdict verdict) {
    String feedId = verdict.window().feedId();
    if (verdict.warmUp().isPresent() && feeds.containsKey(feedId)) {
      WarmUp warmUp = verdict.warmUp().get(); // only feeds with a row of their own
      warmUps.put(feedId, warmUp);
      if (warmUp.active()) {
        activeSince.putIfAbsent(feedId, verdict.window().lastEventTime());
      }
    }
  }

  @Override
  public synchronized void alert(Alert alert) {
    if (alert.state() == AlertState.FIRING) {
      firing[alert.severity().ordinal()]++;
      row(alert.feedId())[FIRING]++;
    } else {
      resolved++;
      row(alert.feedId())[RESOLVED]++;
    }
  }

  private long[] row(String feedId) {
    long[] row = feeds.get(feedId);
    if (row != null) {
      return row;
    }
    if (!feedId.equals(NO_FEED)) {
      if (feedRows >= maxFeeds) {
        return feeds.computeIfAbsent(OTHER_FEEDS, k -> new long[COUNTS]);
      }
      feedRows++;
    }
    row = new long[COUNTS];
    feeds.put(feedId, row);
    return row;
  }

  public synchronized long observations() {
    return observations;
  }

  public synchronized long windows() {
    return windows;
  }

  public synchronized long rejected(RejectionReason reason) {
    return rejected[reason.ordinal()];
  }

  /** Records rejected: gap notices, about records that were kept, are not counted. */
  public synchronized long rejected() {
    long total = 0;
    for (RejectionReason reason : RejectionReason.values()) {
      if (reason.refusesRecord()) {
        total += rejected[reason.ordinal()];
      }
    }
    return total;
  }

  /** Windows restarted after a gap. */
  public synchronized long restarts() {
    return rejected[RejectionReason.GAP.ordinal()];
  }

  public synchronized long firing(Severity severity) {
    return firing[severity.ordinal()];
  }

  public synchronized long firing() {
    long total = 0;
    for (long count : firing) {
      total += count;
    }
    return total;
  }

  public synchronized long resolved() {
    return resolved;
  }

  /**
   * Each feed's latest warm-up state, in order of first appearance; a feed without one has not
   * completed its first window yet (feeds beyond the cap are left out).
   */
  public synchronized Map<String, WarmUp> warmUps() {
    return new LinkedHashMap<>(warmUps);
  }

  /**
   * For each feed with a warm-up state, the event time it first turned active (empty if it never
   * did): a change before it could not alert.
   */
  public synchronized Map<String, Optional<Instant>> activeSince() {
    Map<String, Optional<Instant>> since = new LinkedHashMap<>();
    warmUps.keySet().forEach(feed -> since.put(feed, Optional.ofNullable(activeSince.get(feed))));
    return since;
  }

  /** One row per feed, in order of first appearance ({@link #OTHER_FEEDS} where it fell). */
  public synchronized List<FeedRow> feeds() {
    List<FeedRow> rows = new ArrayList<>(feeds.size());
    feeds.forEach(
        (feedId, c) ->
            rows.add(
                new FeedRow(
                    feedId, c[OBSERVATIONS], c[REJECTED], c[WINDOWS], c[FIRING], c[RESOLVED])));
    return rows;
  }
}
