package io.isowatch.core.feed;

import java.util.List;

/**
 * What one step of a {@link FeedWindower} produced: the windows it completed and the records it set
 * aside, each in the order they arose. Usually both are empty.
 *
 * @param windows completed windows, oldest first
 * @param rejections rejections, in the order they arose
 */
public record WindowerOutput(List<Window> windows, List<Rejection> rejections) {
  /** Nothing completed, nothing rejected. */
  public static final WindowerOutput EMPTY = new WindowerOutput(List.of(), List.of());

  public WindowerOutput {
    windows = List.copyOf(windows);
    rejections = List.copyOf(rejections);
  }

  public boolean isEmpty() {
    return windows.isEmpty() && rejections.isEmpty();
  }
}
