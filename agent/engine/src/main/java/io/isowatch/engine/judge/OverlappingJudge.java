package io.isowatch.engine.judge;

import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.WindowVerdict;
import java.util.List;
import java.util.Objects;

/**
 * A {@link WindowJudge} whose model runs on a thread of its own: while the model embeds one batch,
 * the caller judges the batch before it and goes on accepting observations, where one thread would
 * do them in turn. The verdicts are the same, in the same order: batches are judged in the order
 * they were handed over, each window by its own feed's monitor, as by {@link
 * WindowJudge#judge(List, WindowJudge.Feeds)}.
 *
 * <p><b>One thread for the monitors.</b> The model thread encodes and embeds, nothing else; the
 * monitors, sinks and listener are used by the caller's thread alone, so they need no locks. The
 * model thread has one batch at a time (a {@link HandOffThread}), and the caller hands over the
 * next only after it has taken the embeddings of the one before.
 *
 * <p><b>Lag.</b> A batch is judged when the next one is handed over (or on {@link #judgeWaiting}),
 * so a feed's window may wait for up to two batches of later windows of its feed: the monitor's
 * {@code maxEmbeddingLag} must cover two batches ({@link #covers}) for the verdicts to stay as they
 * were.
 *
 * <p><b>Failures.</b> What the model throws is thrown by the call that takes its embeddings (the
 * next {@link #embed} or {@link #judgeWaiting}); what judging throws, by the call that judged, once
 * the model has finished the batch it had (so that the caller may close the embedder), and that
 * batch is dropped too. A batch whose embedding or judging failed is not judged again. Memory: at
 * most two batches, the one being judged and the one being embedded.
 *
 * <p>Not thread-safe: one thread calls every method. {@link #close} waits for the model's batch, if
 * any, and ends the model thread.
 */
public final class OverlappingJudge<X extends Exception> implements AutoCloseable {
  private final WindowJudge judge;
  private final HandOffThread<WindowJudge.Embedded> modelThread;
  private WindowJudge.Feeds<X> waitingFeeds;

  /**
   * @param judge encodes, embeds and judges; its listener hears of each batch when it is judged
   * @param threadName the name of the model thread
   */
  public OverlappingJudge(WindowJudge judge, String threadName) {
    this.judge = Objects.requireNonNull(judge, "judge");
    this.modelThread = new HandOffThread<>(Objects.requireNonNull(threadName, "threadName"));
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
   * Hands the windows to the model thread, to be encoded and embedded there, after taking the
   * embeddings of the batch handed over before, which this thread then judges while the model
   * works. The new batch waits, with the feeds that will judge it, for the next call or {@link
   * #judgeWaiting}. An empty batch goes to no model, but the waiting one is judged all the same.
   *
   * @throws X what judging the waiting batch threw (an alert sink's failure, say)
   */
  public void embed(List<Window> windows, WindowJudge.Feeds<X> feeds) throws X {
    Objects.requireNonNull(feeds, "feeds");
    WindowJudge.Embedded previous = takeEmbedded();
    WindowJudge.Feeds<X> previousFeeds = waitingFeeds;
    waitingFeeds = null;
    if (!windows.isEmpty()) {
      List<Window> batch = List.copyOf(windows);
      modelThread.start(() -> judge.embed(batch));
      waitingFeeds = feeds;
    }
    if (previous != null) {
      judgeWhileTheModelWorks(previous, previousFeeds);
    }
  }

  /** Takes the embeddings of the waiting batch, if any, and judges it; returns its verdicts. */
  public List<WindowVerdict> judgeWaiting() throws X {
    WindowJudge.Embedded previous = takeEmbedded();
    WindowJudge.Feeds<X> previousFeeds = waitingFeeds;
    waitingFeeds = null;
    return previous == null ? List.of() : judge.judge(previous, previousFeeds);
  }

  /** Windows handed over and not yet judged. */
  public boolean hasWaiting() {
    return waitingFeeds != null;
  }

  /** Waits for the model's batch, if any (its outcome is dropped), then ends the model thread. */
  @Override
  public void close() {
    try {
      modelThread.await();
    } catch (Exception e) {
      // Nobody will judge the batch: its failure has no one to go to.
    } finally {
      waitingFeeds = null;
      modelThread.close();
    }
  }

  /** The embeddings of the batch on the model thread, once done; null when none was handed over. */
  private WindowJudge.Embedded takeEmbedded() {
    try {
      return modelThread.await();
    } catch (RuntimeException e) {
      waitingFeeds = null;
      throw e;
    } catch (Exception e) {
      waitingFeeds = null;
      // Not reached: encoding and embedding throw no checked exception.
      throw new IllegalStateException("the model failed", e);
    }
  }

  /** Judges on this thread; if that fails, waits for the model first, so nothing runs on. */
  private void judgeWhileTheModelWorks(WindowJudge.Embedded batch, WindowJudge.Feeds<X> feeds)
      throws X {
    try {
      judge.judge(batch, feeds);
    } catch (Exception | Error e) {
      try {
        modelThread.await();
      } catch (Exception modelFailure) {
        e.addSuppressed(modelFailure);
      }
      waitingFeeds = null;
      throw e;
    }
  }
}
