package io.isowatch.flink.feed;

import io.isowatch.core.feed.Rejection;
import io.isowatch.flink.types.IsowatchTypes;
import org.apache.flink.util.OutputTag;

/** The side output every operator sets rejected records aside on, with their reason. */
public final class DeadLetters {
  public static final OutputTag<Rejection> TAG =
      new OutputTag<>("isowatch-dead-letters", IsowatchTypes.REJECTION);

  private DeadLetters() {}
}
