package io.isowatch.engine.judge;

import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.WindowVerdict;
import java.util.List;
import java.util.Objects;

/**
 * A {@link WindowJudge} that judges one batch on its own thread while the caller's thread embeds
 * the next: the model's run and the monitors' Java overlap, where one thread would do them in turn.
 * The verdicts are the same, in the same order: batches are judged in the order they were embedded,
 * each window by its own feed's monitor, as by {@link WindowJudge#judge(List, WindowJudge.Feeds)}.
 *
 * <p><b>One thread at a time.</b> The judge thread runs only inside {@link #embed}, while the
 * caller's thread is in the model, and {@code embed} returns after that judging has ended. So the
 * monitors, sinks and listener are never used by two threads at once, and the caller sees all the
 * judge thread did, without locks of their own; between calls the caller may accept observations
 * into the monitors as before.
 *
 * <p><b>Lag.</b> A batch is judged when the next one is embedded (or on {@link #judgeWaiting}), so
 * a feed's window may wait for up to two batches of later windows of its feed: the monitor's {@code
 * maxEmbeddingLag} must cover two batches ({@link #covers}) for the verdicts to stay as they were.
 *
 * <p><b>Failures.</b> What judging throws is thrown by the {@code embed} (or {@code judgeWaiting})
 * during which it ran; if the model failed too, its failure is added as suppressed. The batch that
 * failed is not judged again. Memory: at most two batches, the one judged and the one embedded.
 *
 * <p>Not thread-safe: one thread calls every method. {@link #close} ends the judge thread.
 */
public final class OverlappingJudge<X extends Exception> implements AutoCloseable {
  private final WindowJudge judge;
  private final HandOffThread judgeThread;
  private Waiting<X> waiting;

  /**
   * @param judge encodes, embeds and judges; its listener hears of each batch when it is judged
   * @param threadName the name of the judge thread
   */
  public OverlappingJudge(WindowJudge judge, String threadName) {
    this.judge = Objects.requireNonNull(judge, "judge");
    this.judgeThread = new HandOffThread(Objects.requireNonNull(threadName, "threadName"));
  }

  /**
   * Whether a monitor's {@code maxEmbeddingLag} lets batches of {@code maxBatch} windows be judged
   * one batch late with the same verdicts: a window may wait for the rest of its batch and the
   * whole next one, two batches in all.
   */
  public static boolean covers(int maxEmbeddingLag, int maxBatch) {
    return maxEmbeddingLag >= 2L * maxBatch;
  }

  /**
   * Encodes and embeds the windows on this thread; meanwhile the batch embedded before, if any, is
   * judged on the judge thread. The new batch then waits, with the feeds that will judge it, for
   * the next call or {@link #judgeWaiting}. An empty batch is not embedded, but the waiting one is
   * judged all the same.
   *
   * @throws X what judging the waiting batch threw (an alert sink's failure, say)
   */
  public void embed(List<Window> windows, WindowJudge.Feeds<X> feeds) throws X {
    Objects.requireNonNull(feeds, "feeds");
    if (windows.isEmpty()) {
      judgeWaiting();
      return;
    }
    Waiting<X> judged = waiting;
    waiting = null;
    if (judged != null) {
      judgeThread.start(() -> judge.judge(judged.batch(), judged.feeds()));
    }
    WindowJudge.Embedded embedded;
    try {
      embedded = judge.embed(windows);
    } catch (RuntimeException | Error e) {
      awaitJudged(e);
      throw e;
    }
    awaitJudged(null);
    waiting = new Waiting<>(embedded, feeds);
  }

  /** Judges the waiting batch, if any, on this thread; returns its verdicts. */
  public List<WindowVerdict> judgeWaiting() throws X {
    Waiting<X> judged = waiting;
    if (judged == null) {
      return List.of();
    }
    waiting = null;
    return judge.judge(judged.batch(), judged.feeds());
  }

  /** Windows embedded and not yet judged. */
  public int waitingWindows() {
    return waiting == null ? 0 : waiting.batch().size();
  }

  /** Ends the judge thread; a batch still waiting is not judged. */
  @Override
  public void close() {
    judgeThread.close();
  }

  /**
   * Waits for the judging started on the judge thread; throws its failure, with {@code
   * modelFailure} (if any) suppressed in it.
   */
  @SuppressWarnings("unchecked") // the judging throws X or unchecked exceptions only
  private void awaitJudged(Throwable modelFailure) throws X {
    try {
      judgeThread.await();
    } catch (RuntimeException e) {
      addSuppressed(e, modelFailure);
      throw e;
    } catch (Exception e) {
      addSuppressed(e, modelFailure);
      throw (X) e;
    } catch (Error e) {
      addSuppressed(e, modelFailure);
      throw e;
    }
  }

  private static void addSuppressed(Throwable failure, Throwable other) {
    if (other != null && other != failure) {
      failure.addSuppressed(other);
    }
  }

  /** A batch embedded and waiting to be judged, with how the engine reaches its monitors. */
  private record Waiting<X extends Exception>(
      WindowJudge.Embedded batch, WindowJudge.Feeds<X> feeds) {}
}
