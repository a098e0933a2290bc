package io.isowatch.kafkastreams;

import io.isowatch.core.feed.Window;
import io.isowatch.engine.judge.WindowJudge;

/**
 * How a task's windows reach the model and come back judged: each call may judge windows, through
 * the task's feeds, and must be made while the task may output (in {@code process} or a
 * punctuation), except {@link #reload}.
 */
interface TaskBatching {
  /** Takes back a window that was waiting when the task stopped (its init: nothing is judged). */
  void reload(Window window, long now);

  /** A window the task's monitors completed at {@code now}. */
  void add(Window window, long now, WindowJudge.Feeds<RuntimeException> feeds);

  /** Embeds what is due (a full batch, or one whose oldest window waited long enough). */
  void embedDue(long now, WindowJudge.Feeds<RuntimeException> feeds);

  /** Judges what the model has finished of this task's windows, without waiting for it. */
  void judgeReady(WindowJudge.Feeds<RuntimeException> feeds);

  /**
   * With nothing of this task still filling a batch, waits for the model and judges every window
   * handed to it: what a quiet task does at its punctuation.
   */
  void settle(WindowJudge.Feeds<RuntimeException> feeds);

  /** Forgets every window (the task is closed, or reloads them from its stores). */
  void drop();
}
