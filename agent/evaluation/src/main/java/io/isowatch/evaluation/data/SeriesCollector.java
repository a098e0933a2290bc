package io.isowatch.evaluation.data;

import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a whole dataset file through one of the connectors' replay sources and keeps each feed's
 * values in file order, so that positions line up with the dataset's labels.
 *
 * <p>Nothing is lost silently: a record the source could not read but could place in a feed keeps
 * its slot (a value of NaN, no time), and {@link Feed#repaired} fills it; a record with no feed at
 * all (a line with the wrong number of fields) is counted in {@link #unplaced}. Memory is the
 * file's values: evaluation reads finite files, not streams.
 */
public final class SeriesCollector {
  private final Map<String, Slots> feeds = new LinkedHashMap<>();
  private final List<Rejection> unplaced = new ArrayList<>();

  private SeriesCollector() {}

  /** Runs {@code source} to its end and collects its feeds. */
  public static SeriesCollector collect(ObservationSource source) throws IOException {
    SeriesCollector collector = new SeriesCollector();
    try (source) {
      source.run(collector::accept);
    } catch (IOException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + source.describe(), e);
    } catch (Exception e) {
      throw new IOException(source.describe() + ": " + e.getMessage(), e);
    }
    return collector;
  }

  private void accept(SourceEvent event) {
    if (event instanceof SourceEvent.Parsed parsed) {
      Observation o = parsed.observation();
      slots(o.feedId()).add(o.eventTime(), o.value());
    } else if (event instanceof SourceEvent.Malformed malformed) {
      Rejection rejection = malformed.rejection();
      if (rejection.feedId().isPresent()) {
        slots(rejection.feedId().get()).add(null, Double.NaN);
      } else {
        unplaced.add(rejection);
      }
    }
  }

  private Slots slots(String feedId) {
    return feeds.computeIfAbsent(feedId, id -> new Slots());
  }

  /** The feed ids met, in order of first appearance. */
  public List<String> feedIds() {
    return List.copyOf(feeds.keySet());
  }

  /** Records that belonged to no feed, with their reasons. */
  public List<Rejection> unplaced() {
    return List.copyOf(unplaced);
  }

  /**
   * The feed's values and times with every gap repaired.
   *
   * @throws IllegalArgumentException if the file has no such feed, or the feed has no finite value
   *     or no readable time
   */
  public Feed feed(String feedId) {
    Slots slots = feeds.get(feedId);
    if (slots == null) {
      throw new IllegalArgumentException("no feed " + feedId + " among " + feeds.keySet());
    }
    return slots.repaired(feedId);
  }

  /**
   * One feed's values and times, positions aligned with the file.
   *
   * @param values the values; an unreadable or non-finite one repeats the previous finite value
   * @param times the times; an unreadable one lies halfway between its neighbours
   * @param repaired how many positions were filled in
   */
  public record Feed(double[] values, Instant[] times, int repaired) {}

  private static final class Slots {
    private final List<Instant> times = new ArrayList<>();
    private double[] values = new double[1024];

    void add(Instant time, double value) {
      if (times.size() == values.length) {
        values = java.util.Arrays.copyOf(values, values.length * 2);
      }
      values[times.size()] = value;
      times.add(time);
    }

    Feed repaired(String feedId) {
      int n = times.size();
      double[] v = java.util.Arrays.copyOf(values, n);
      Instant[] t = times.toArray(new Instant[0]);
      int repaired = 0;
      double firstFinite = Double.NaN;
      for (double x : v) {
        if (Double.isFinite(x)) {
          firstFinite = x;
          break;
        }
      }
      if (Double.isNaN(firstFinite)) {
        throw new IllegalArgumentException("feed " + feedId + " has no finite value");
      }
      double previous = firstFinite;
      for (int i = 0; i < n; i++) {
        boolean fixed = false;
        if (!Double.isFinite(v[i])) {
          v[i] = previous;
          fixed = true;
        }
        previous = v[i];
        if (t[i] == null) {
          t[i] = between(t, i, feedId);
          fixed = true;
        }
        if (fixed) {
          repaired++;
        }
      }
      return new Feed(v, t, repaired);
    }

    private static Instant between(Instant[] t, int i, String feedId) {
      Instant before = i > 0 ? t[i - 1] : null;
      Instant after = null;
      for (int j = i + 1; j < t.length && after == null; j++) {
        after = t[j];
      }
      if (before == null && after == null) {
        throw new IllegalArgumentException("feed " + feedId + " has no readable time");
      }
      if (before == null) {
        return after.minusMillis(1);
      }
      if (after == null) {
        return before.plusMillis(1);
      }
      return before.plus(Duration.between(before, after).dividedBy(2));
    }
  }
}
