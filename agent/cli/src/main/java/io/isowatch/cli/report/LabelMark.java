package io.isowatch.cli.report;

import java.time.Instant;

/**
 * What a dataset's labels say about a stretch of a feed, drawn behind its panels: a labelled
 * anomaly window ({@code from} before {@code to}) or a labelled change point ({@code from} equal to
 * {@code to}).
 *
 * @param from event time of the first labelled value
 * @param to event time of the last labelled value
 * @param what one line for the tooltip, e.g. {@code change point (2 of 5 annotators)}
 */
public record LabelMark(Instant from, Instant to, String what) {
  public LabelMark {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("label ends at " + to + " before it starts at " + from);
    }
  }

  /** A single labelled point rather than a window. */
  public boolean point() {
    return from.equals(to);
  }
}
