package io.isowatch.engine.judge;

import io.isowatch.core.embed.Embedder;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Window;
import io.isowatch.engine.batch.WindowBatch;
import io.isowatch.engine.report.EngineListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;

/**
 * One embedding batch and one model thread shared by several judges that all run on one owner
 * thread, each through its own {@link Lane}: the tasks of a Kafka Streams stream thread, which
 * share the thread's encoder and embedder and must each produce their own outputs. The lanes'
 * windows fill one batch (full batches, as if the lanes were one feed set), which is embedded on
 * the model thread while the owner goes on; each lane then judges its own share of it, on the
 * owner's thread, at its next call. Shares are judged in the order their batches were handed over,
 * each lane's windows in the order it added them, so every feed's windows are judged in order, by
 * its own monitor, and the verdicts are those of judging each batch at once.
 *
 * <p><b>Lag and memory.</b> One batch is on the model at a time; the next is handed over only once
 * the one before is done, its shares then left (parked) with their lanes. A lane judges what is
 * parked for it before it adds windows, so it has at most two batches' worth of windows not judged
 * (on the model and filling, or parked and on the model): the monitor's {@code maxEmbeddingLag}
 * must cover two batches ({@link OverlappingJudge#covers}). Memory: the filling batch, the one on
 * the model, and the parked shares, each lane's at most two batches' worth.
 *
 * <p><b>Failures.</b> What the model throws is thrown to each lane with windows in that batch, by
 * its next call that judges. A lane that is {@link Lane#drop dropped} (its task closed or revived)
 * has its windows taken out: those filling are never embedded, those on the model never judged.
 *
 * <p>Not thread-safe: the owner thread calls every method of this class and of its lanes. {@link
 * #close} waits for the model's batch, if any, and ends the model thread.
 */
public final class SharedModelThread implements AutoCloseable {
  private final WindowEncoder encoder;
  private final Embedder embedder;
  private final WindowJudge embedding;
  private final HandOffThread<WindowJudge.Embedded> modelThread;
  private final WindowBatch<Entry> batch;

  /** The lane of each window on the model, in batch order; empty when the model has none. */
  private List<Lane> onModel = List.of();

  /**
   * @param encoder the owner's encoder, used on the model thread only from now on
   * @param embedder the owner's embedder, likewise
   * @param maxBatch windows per embedding call
   * @param maxWait longest the oldest window waits for its batch, in the unit of the clock the
   *     lanes are given (a stream task's wall-clock milliseconds)
   * @param threadName the model thread's name
   */
  public SharedModelThread(
      WindowEncoder encoder, Embedder embedder, int maxBatch, long maxWait, String threadName) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    this.embedding = new WindowJudge(encoder, embedder, EngineListener.NONE);
    this.modelThread = new HandOffThread<>(Objects.requireNonNull(threadName, "threadName"));
    this.batch = new WindowBatch<>(maxBatch, maxWait);
  }

  /** A new lane, whose listener hears of its windows' verdicts and of the batches it starts. */
  public Lane lane(EngineListener listener) {
    return new Lane(listener, new WindowJudge(encoder, embedder, listener));
  }

  /** Waits for the model's batch, if any (its outcome is dropped), then ends the model thread. */
  @Override
  public void close() {
    try {
      if (!onModel.isEmpty()) {
        modelThread.await();
      }
    } catch (Exception e) {
      // Nobody will judge the batch: its failure has no one to go to.
    } finally {
      onModel = List.of();
      batch.clear();
      modelThread.close();
    }
  }

  /** Hands the oldest windows to the model, once the batch before is done and parked. */
  private void handOver(long now, EngineListener listener) {
    parkModelsBatch(listener);
    List<Window> windows = new ArrayList<>();
    List<Lane> lanes = new ArrayList<>();
    for (Entry entry : batch.take(now)) {
      entry.lane.filling--;
      if (!entry.lane.dropped) {
        windows.add(entry.window);
        lanes.add(entry.lane);
        entry.lane.onModel++;
      }
    }
    if (windows.isEmpty()) {
      return;
    }
    onModel = lanes;
    List<Window> handed = List.copyOf(windows);
    modelThread.start(() -> embedding.embed(handed));
  }

  /**
   * Waits for the batch on the model, if any, and leaves each lane's share with it; the call is
   * reported once, to the listener of the lane that waited.
   */
  private void parkModelsBatch(EngineListener listener) {
    if (onModel.isEmpty()) {
      return;
    }
    List<Lane> lanes = onModel;
    onModel = List.of();
    WindowJudge.Embedded embedded;
    try {
      embedded = modelThread.await();
    } catch (Exception | Error e) {
      for (Lane lane : lanes) {
        lane.onModel = 0;
        if (lane.failure == null) {
          lane.failure = e;
        }
      }
      return;
    }
    listener.embedded(embedded.size(), embedded.nanos());
    Map<Lane, Share> shares = new LinkedHashMap<>();
    for (int i = 0; i < lanes.size(); i++) {
      Lane lane = lanes.get(i);
      lane.onModel--;
      Share share = shares.computeIfAbsent(lane, l -> new Share());
      share.windows.add(embedded.windows().get(i));
      share.embeddings.add(embedded.embeddings().get(i));
    }
    shares.forEach(
        (lane, share) -> {
          if (!lane.dropped) {
            lane.parked.add(share);
          }
        });
  }

  /** Whether the model is still embedding a batch that holds windows of lanes other than this. */
  private boolean busyWithOthers(Lane lane) {
    if (onModel.isEmpty() || modelThread.done()) {
      return false;
    }
    for (Lane other : onModel) {
      if (other != lane) {
        return true;
      }
    }
    return false;
  }

  private record Entry(Lane lane, Window window) {}

  /** A lane's windows of one embedded batch, with their embeddings, waiting to be judged. */
  private static final class Share {
    final List<Window> windows = new ArrayList<>();
    final List<Embedding> embeddings = new ArrayList<>();
  }

  /** One caller's way to the shared batch and model: its windows in, its verdicts out. */
  public final class Lane {
    private final EngineListener listener;
    private final WindowJudge judge;
    private final Queue<Share> parked = new ArrayDeque<>();
    private int filling;
    private int onModel;
    private Throwable failure;
    private boolean dropped;

    private Lane(EngineListener listener, WindowJudge judge) {
      this.listener = listener;
      this.judge = judge;
    }

    /**
     * Adds a window that arrived at {@code now} to the shared batch; a full batch is handed to the
     * model first, and this lane's share of the batch before is judged while the model works.
     *
     * @throws X what judging threw
     */
    public <X extends Exception> void add(Window window, long now, WindowJudge.Feeds<X> feeds)
        throws X {
      requireLive();
      while (batch.isFull()) {
        handOver(now, listener);
        judgeParked(feeds);
      }
      batch.add(new Entry(this, window), now);
      filling++;
    }

    /**
     * Adds a window without judging anything (a caller that may not output yet, reloading its
     * windows); the batch may then hold more than {@code maxBatch} windows until the next call.
     */
    public void reload(Window window, long now) {
      requireLive();
      batch.add(new Entry(this, window), now);
      filling++;
    }

    /**
     * Hands the shared batch to the model when it is due: full, or its oldest window waited {@code
     * maxWait}. While the model is still busy with a batch that holds other lanes' windows, a batch
     * due by its wait goes on filling instead: it would only wait for the model, and the first call
     * of any lane after the model is done hands it over. Then judges what is parked for this lane.
     *
     * @throws X what judging threw
     */
    public <X extends Exception> void embedDue(long now, WindowJudge.Feeds<X> feeds) throws X {
      requireLive();
      while (batch.isFull() || (batch.isDue(now) && !busyWithOthers(this))) {
        handOver(now, listener);
        judgeParked(feeds);
      }
      judgeIfReady(feeds);
    }

    /** Judges this lane's windows whose embeddings are ready, without waiting for the model. */
    public <X extends Exception> void judgeIfReady(WindowJudge.Feeds<X> feeds) throws X {
      requireLive();
      if (onModel > 0 && modelThread.done()) {
        parkModelsBatch(listener);
      }
      judgeParked(feeds);
    }

    /** Judges all of this lane's windows handed to the model, waiting for the model if need be. */
    public <X extends Exception> void judgeHandedOver(WindowJudge.Feeds<X> feeds) throws X {
      requireLive();
      if (onModel > 0) {
        parkModelsBatch(listener);
      }
      judgeParked(feeds);
    }

    /** Whether this lane has windows in the shared batch, not yet handed to the model. */
    public boolean hasFilling() {
      return filling > 0;
    }

    /** Whether this lane has windows handed to the model and not yet judged. */
    public boolean hasHandedOver() {
      return onModel > 0 || !parked.isEmpty() || failure != null;
    }

    /**
     * Takes this lane's windows out for good, once the model is done with them: those filling are
     * never embedded, those embedded never judged. For a caller that reloads them from its own
     * state into a new lane, or goes away.
     */
    public void drop() {
      dropped = true;
      if (onModel > 0) {
        parkModelsBatch(listener);
      }
      parked.clear();
      failure = null;
    }

    private <X extends Exception> void judgeParked(WindowJudge.Feeds<X> feeds) throws X {
      if (failure != null) {
        Throwable thrown = failure;
        failure = null;
        parked.clear();
        if (thrown instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (thrown instanceof Error error) {
          throw error;
        }
        // Not reached: encoding and embedding throw no checked exception.
        throw new IllegalStateException("the model failed", thrown);
      }
      while (!parked.isEmpty()) {
        Share share = parked.poll();
        judge.judgeEmbedded(share.windows, share.embeddings, feeds);
      }
    }

    private void requireLive() {
      if (dropped) {
        throw new IllegalStateException("this lane was dropped");
      }
    }
  }
}
