package io.isowatch.engine.judge;

import io.isowatch.core.embed.Embedder;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.engine.report.EngineListener;
import java.util.List;
import java.util.Objects;

/**
 * A model thread shared by several judges that all run on one owner thread, each through its own
 * {@link Lane}: the tasks of a Kafka Streams stream thread, which share the thread's encoder and
 * embedder and must each produce their own outputs. As with {@link OverlappingJudge}, the model
 * thread encodes and embeds, and the owner judges a batch while the model embeds the next, so the
 * monitors and sinks stay on the owner's thread; a lane judges only its own batches, in the order
 * it handed them over, each window by its own feed's monitor, so the verdicts are the same.
 *
 * <p><b>One batch on the model at a time</b>, whichever lane's: a lane that hands over a batch
 * while another lane's is on the model waits for that one and keeps its embeddings for their lane
 * until that lane judges them. So each lane has at most one batch handed over and not judged (and
 * the monitor's {@code maxEmbeddingLag} must cover two batches, {@link OverlappingJudge#covers}),
 * and no batch queues behind another.
 *
 * <p><b>Failures.</b> What the model throws is thrown to the lane whose batch it was, by the call
 * that takes its embeddings; what judging throws, by the call that judged, once the model has
 * finished the batch it had; that lane's batch handed over is then dropped too.
 *
 * <p>Not thread-safe: the owner thread calls every method of this class and of its lanes. {@link
 * #close} waits for the model's batch, if any, and ends the model thread.
 */
public final class SharedModelThread implements AutoCloseable {
  private final WindowEncoder encoder;
  private final Embedder embedder;
  private final WindowJudge embedding;
  private final HandOffThread<WindowJudge.Embedded> modelThread;

  /** The lane whose batch the model thread has; null when it has none. */
  private Lane onModel;

  /**
   * @param encoder the owner's encoder, used on the model thread only from now on
   * @param embedder the owner's embedder, likewise
   * @param threadName the model thread's name
   */
  public SharedModelThread(WindowEncoder encoder, Embedder embedder, String threadName) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    this.embedding = new WindowJudge(encoder, embedder, EngineListener.NONE);
    this.modelThread = new HandOffThread<>(Objects.requireNonNull(threadName, "threadName"));
  }

  /** A new lane, whose listener hears of each of its batches when it is judged. */
  public Lane lane(EngineListener listener) {
    return new Lane(new WindowJudge(encoder, embedder, listener));
  }

  /** Waits for the model's batch, if any (its outcome is dropped), then ends the model thread. */
  @Override
  public void close() {
    try {
      parkModelsBatch();
    } finally {
      onModel = null;
      modelThread.close();
    }
  }

  /** Waits for the batch on the model thread, if any, and leaves its outcome with its lane. */
  private void parkModelsBatch() {
    if (onModel == null) {
      return;
    }
    Lane lane = onModel;
    onModel = null;
    try {
      lane.parked = modelThread.await();
    } catch (Exception | Error e) {
      lane.failure = e;
    }
  }

  /** One caller's way to the shared model: its batches, embedded in turn, judged by it alone. */
  public final class Lane {
    private final WindowJudge judge;

    /** Whether a batch of this lane was handed over and not judged (on the model, or parked). */
    private boolean handedOver;

    private WindowJudge.Embedded parked;
    private Throwable failure;

    private Lane(WindowJudge judge) {
      this.judge = judge;
    }

    /**
     * Hands the windows to the model thread and judges this lane's batch handed over before: while
     * the model embeds the new batch, or, when the model is busy with another lane's batch, before
     * waiting for that one. An empty batch goes to no model, but the waiting one is judged all the
     * same.
     *
     * @throws X what judging the waiting batch threw
     */
    public <X extends Exception> void embed(List<Window> windows, WindowJudge.Feeds<X> feeds)
        throws X {
      Objects.requireNonNull(feeds, "feeds");
      if (windows.isEmpty()) {
        judgeWaiting(feeds);
        return;
      }
      List<Window> batch = List.copyOf(windows);
      if (onModel != null && onModel != this) {
        judgeWaiting(feeds);
        parkModelsBatch();
        start(batch);
        return;
      }
      WindowJudge.Embedded previous = take();
      start(batch);
      if (previous != null) {
        judgeWhileTheModelWorks(previous, feeds);
      }
    }

    /**
     * Judges this lane's batch handed over if its embeddings are ready, without waiting for the
     * model; returns whether it judged one.
     */
    public <X extends Exception> boolean judgeIfReady(WindowJudge.Feeds<X> feeds) throws X {
      if (!handedOver || (onModel == this && !modelThread.done())) {
        return false;
      }
      judgeWaiting(feeds);
      return true;
    }

    /**
     * Takes the embeddings of this lane's batch handed over, if any, waiting for the model if need
     * be, and judges it; returns its verdicts.
     */
    public <X extends Exception> List<WindowVerdict> judgeWaiting(WindowJudge.Feeds<X> feeds)
        throws X {
      WindowJudge.Embedded previous = take();
      return previous == null ? List.of() : judge.judge(previous, feeds);
    }

    /**
     * Whether the model thread is still embedding another lane's batch: a batch handed over now
     * would wait for it.
     */
    public boolean modelBusyWithAnotherLane() {
      return onModel != null && onModel != this && !modelThread.done();
    }

    /** Whether a batch of this lane was handed over and not yet judged. */
    public boolean hasWaiting() {
      return handedOver;
    }

    /**
     * Forgets this lane's batch handed over, after the model is done with it: for a caller that
     * reloads those windows from its own state, or goes away.
     */
    public void drop() {
      if (onModel == this) {
        parkModelsBatch();
      }
      handedOver = false;
      parked = null;
      failure = null;
    }

    private void start(List<Window> batch) {
      modelThread.start(() -> embedding.embed(batch));
      onModel = this;
      handedOver = true;
    }

    /** The embeddings of this lane's batch handed over, once done; null when there is none. */
    private WindowJudge.Embedded take() {
      if (!handedOver) {
        return null;
      }
      if (onModel == this) {
        parkModelsBatch();
      }
      WindowJudge.Embedded embedded = parked;
      Throwable thrown = failure;
      drop();
      if (thrown instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (thrown instanceof Error error) {
        throw error;
      }
      if (thrown != null) {
        // Not reached: encoding and embedding throw no checked exception.
        throw new IllegalStateException("the model failed", thrown);
      }
      return embedded;
    }

    /**
     * Judges on the owner's thread; if that fails, waits for the model first, so nothing runs on.
     */
    private <X extends Exception> void judgeWhileTheModelWorks(
        WindowJudge.Embedded batch, WindowJudge.Feeds<X> feeds) throws X {
      try {
        judge.judge(batch, feeds);
      } catch (Exception | Error e) {
        if (onModel == this) {
          parkModelsBatch();
        }
        if (failure != null) {
          e.addSuppressed(failure);
        }
        drop();
        throw e;
      }
    }
  }
}
