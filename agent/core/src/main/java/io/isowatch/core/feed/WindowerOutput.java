package io.isowatch.core.feed;

import java.util.List;

/**
 * What one step of a {@link FeedWindower} produced: the windows it completed, the records it set
 * aside and the values it released, each in the order they arose. With lateness, a value is
 * released once nothing older can still arrive.
 *
 * @param windows completed windows, oldest first
 * @param rejections rejections, in the order they arose
 * @param released values released into the windows, in event-time order
 */
public record WindowerOutput(
    List<Window> windows, List<Rejection> rejections, List<ReleasedValue> released) {
  /** Nothing completed, nothing rejected, nothing released. */
  public static final WindowerOutput EMPTY = new WindowerOutput(List.of(), List.of(), List.of());

  public WindowerOutput {
    windows = List.copyOf(windows);
    rejections = List.copyOf(rejections);
    released = List.copyOf(released);
  }

  /** Windows and rejections only (nothing released). */
  public WindowerOutput(List<Window> windows, List<Rejection> rejections) {
    this(windows, rejections, List.of());
  }

  /**
   * Whether the observation of this step was refused (a rejection other than a {@link
   * RejectionReason#GAP} notice). Each observation is either accepted or refused: engines count it
   * once, by this.
   */
  public boolean refusedRecord() {
    return rejections.stream().anyMatch(r -> r.reason().refusesRecord());
  }

  /** Whether there are no windows and no rejections (released values aside). */
  public boolean isEmpty() {
    return windows.isEmpty() && rejections.isEmpty();
  }
}
