package io.isowatch.kafkastreams;

import io.isowatch.core.feed.Window;
import io.isowatch.engine.judge.SharedModelThread;
import io.isowatch.engine.judge.WindowJudge;

/**
 * The task's windows in its stream thread's one batch, embedded on the thread's model thread while
 * the tasks go on; the task judges its share when ready ({@link SharedModelThread}).
 */
final class SharedBatching implements TaskBatching {
  private final SharedModelThread.Lane lane;

  SharedBatching(SharedModelThread.Lane lane) {
    this.lane = lane;
  }

  @Override
  public void reload(Window window, long now) {
    lane.reload(window, now);
  }

  @Override
  public void add(Window window, long now, WindowJudge.Feeds<RuntimeException> feeds) {
    lane.add(window, now, feeds);
  }

  @Override
  public void embedDue(long now, WindowJudge.Feeds<RuntimeException> feeds) {
    lane.embedDue(now, feeds);
  }

  @Override
  public void judgeReady(WindowJudge.Feeds<RuntimeException> feeds) {
    lane.judgeIfReady(feeds);
  }

  @Override
  public void settle(WindowJudge.Feeds<RuntimeException> feeds) {
    if (!lane.hasFilling()) {
      lane.judgeHandedOver(feeds);
    }
  }

  @Override
  public void drop() {
    lane.drop();
  }
}
