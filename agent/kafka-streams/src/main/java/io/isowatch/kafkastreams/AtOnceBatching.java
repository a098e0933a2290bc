package io.isowatch.kafkastreams;

import io.isowatch.core.feed.Window;
import io.isowatch.engine.batch.WindowBatch;
import io.isowatch.engine.judge.WindowJudge;

/** The task's own batch, embedded and judged on the stream thread in one go. */
final class AtOnceBatching implements TaskBatching {
  private final WindowJudge judge;
  private final WindowBatch<Window> batch;

  AtOnceBatching(WindowJudge judge, int maxBatch, long maxWaitMillis) {
    this.judge = judge;
    this.batch = new WindowBatch<>(maxBatch, maxWaitMillis);
  }

  @Override
  public void reload(Window window, long now) {
    batch.add(window, now);
  }

  @Override
  public void add(Window window, long now, WindowJudge.Feeds<RuntimeException> feeds) {
    if (batch.isFull()) {
      judge.judge(batch.take(now), feeds);
    }
    batch.add(window, now);
  }

  @Override
  public void embedDue(long now, WindowJudge.Feeds<RuntimeException> feeds) {
    while (batch.isDue(now)) {
      judge.judge(batch.take(now), feeds);
    }
  }

  @Override
  public void judgeReady(WindowJudge.Feeds<RuntimeException> feeds) {}

  @Override
  public void settle(WindowJudge.Feeds<RuntimeException> feeds) {}

  @Override
  public void drop() {
    batch.clear();
  }
}
