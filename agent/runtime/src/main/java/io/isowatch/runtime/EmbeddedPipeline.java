package io.isowatch.runtime;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.embed.Embedder;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.ArrivalCheck;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowerOutput;
import io.isowatch.core.io.AlertSink;
import io.isowatch.core.io.DeadLetterSink;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorRecipe;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.core.predict.SoftmaxSources;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.engine.batch.WindowBatch;
import io.isowatch.engine.judge.OverlappingJudge;
import io.isowatch.engine.judge.WindowJudge;
import io.isowatch.engine.report.EngineListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The in-process engine: every source on its own thread feeds one bounded queue; one worker thread
 * routes observations to their feed's {@link FeedMonitor}, gathers the windows it completes into
 * embedding batches (by size or wait), embeds, measures and judges them, and hands alerts and
 * rejected records to the sinks. When every source is exhausted (or {@link #stop()} is called and
 * the sources have ended) the worker flushes the windowers, embeds what is left and flushes the
 * sinks, so nothing a source handed over is lost on a clean shutdown.
 *
 * <p><b>Judging overlaps embedding.</b> The model runs on a thread of its own ({@link
 * OverlappingJudge}): while it embeds a batch, the worker judges the batch before it and accepts
 * the observations of the next, so on a fast model the monitors' work is no longer added to the
 * model's. The model thread only encodes and embeds; monitors, sinks and listener are the worker's
 * alone, and the verdicts are those of judging each batch at once (same batches, same order). A
 * batch is judged when the next one goes to the model, or as soon as the worker has nothing queued.
 * When the monitor's {@code maxEmbeddingLag} does not cover two batches, or {@link
 * Builder#overlapJudging} is off, each batch is judged right after its embedding.
 *
 * <pre>{@code
 * try (EmbeddedPipeline pipeline = EmbeddedPipeline.builder()
 *     .source(feed).encoder(encoder).embedder(embedder)
 *     .monitorSettings(MonitorSettings.defaults()).alertSink(console).deadLetterSink(deadLetters)
 *     .build()) {
 *   pipeline.run(); // blocks until the sources end
 * }
 * }</pre>
 *
 * <p><b>Counting.</b> Every record a source hands over is counted once: accepted ({@link
 * EngineListener#observed}) or rejected ({@link EngineListener#rejected} with a reason that {@link
 * RejectionReason#refusesRecord() refuses the record}, and a dead letter). A {@code gap} rejection
 * is a notice about an accepted record. A record refused by the checks that need no feed state
 * ({@link ArrivalCheck}) is refused before its feed is looked up, so feeds whose every record was
 * rejected never take a place under {@code maxFeeds}.
 *
 * <p>Memory is bounded: the queue holds at most {@code queueCapacity} events, the batcher at most
 * {@code maxBatch} windows and one more batch embedded and waiting to be judged, and each of at
 * most {@code maxFeeds} monitors has fixed-size state.
 */
public final class EmbeddedPipeline implements AutoCloseable {
  private final List<ObservationSource> sources;
  private final WindowJudge judge;
  private final MonitorSettings monitorSettings;
  private final MonitorRecipe recipe;
  private final List<AlertSink> alertSinks;
  private final DeadLetterSink deadLetterSink;
  private final EngineListener listener;
  private final PipelineSettings settings;
  private final Clock clock;
  private final ArrivalCheck arrival;
  private final boolean overlapJudging;
  private final OverlappingJudge<Exception> overlappingJudge;

  private final BlockingQueue<Object> queue;
  private final Map<String, FeedMonitor> monitors = new LinkedHashMap<>();
  private final WindowBatch<PendingWindow> batcher;
  private final AtomicReference<Throwable> sourceFailure = new AtomicReference<>();
  private final List<Thread> sourceThreads = new ArrayList<>();
  private volatile boolean stopping;
  private volatile boolean abandoned;

  /** Marks, in the queue, that one source has ended. */
  private static final Object SOURCE_ENDED = new Object();

  /**
   * How long after {@link #stop()} the worker waits for sources that have not ended: a source that
   * honours {@code close()} ends within one more event, but may need a moment to wind down.
   */
  static final Duration SOURCE_STOP_GRACE = Duration.ofSeconds(2);

  /** How often a source blocked on the full queue checks whether the run has failed. */
  private static final long ENQUEUE_RECHECK_MILLIS = 100;

  private EmbeddedPipeline(Builder builder) {
    this.sources = List.copyOf(builder.sources);
    this.judge =
        new WindowJudge(
            Objects.requireNonNull(builder.encoder, "encoder"),
            Objects.requireNonNull(builder.embedder, "embedder"),
            builder.listener);
    this.monitorSettings = Objects.requireNonNull(builder.monitorSettings, "monitorSettings");
    monitorSettings.requireEmbeddingLagCovers(builder.settings.batch().maxBatch(), "maxBatch");
    this.recipe =
        new MonitorRecipe(
            monitorSettings,
            builder.softmaxSources != null
                ? builder.softmaxSources
                : FeedMonitor.defaultSources(monitorSettings),
            builder.riskModel);
    this.alertSinks = List.copyOf(builder.alertSinks);
    this.deadLetterSink = Objects.requireNonNull(builder.deadLetterSink, "deadLetterSink");
    this.listener = builder.listener;
    this.settings = builder.settings;
    this.clock = builder.clock;
    this.arrival = ArrivalCheck.of(monitorSettings.window(), clock);
    this.overlapJudging =
        builder.overlapJudging
            && OverlappingJudge.covers(
                monitorSettings.maxEmbeddingLag(), builder.settings.batch().maxBatch());
    this.overlappingJudge = new OverlappingJudge<>(judge, "model");
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.batcher =
        new WindowBatch<>(settings.batch().maxBatch(), settings.batch().maxWait().toNanos());
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("a pipeline needs at least one source");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs until every source has ended, by itself or because {@link #stop()} closed it, then
   * flushes. Rethrows the first source failure after the flush. A failure of the work itself (a
   * sink, the encoder, the embedder, an interrupt of the calling thread) ends the run at once: the
   * sources are stopped, what is queued is dropped, and the failure is thrown without a flush.
   */
  public void run() throws Exception {
    CountDownLatch started = new CountDownLatch(sources.size());
    for (ObservationSource source : sources) {
      Thread thread = new Thread(() -> runSource(source, started), "source: " + source.describe());
      thread.setDaemon(true);
      sourceThreads.add(thread);
      thread.start();
    }
    try {
      started.await();
      work();
    } catch (Exception | Error e) {
      abandon();
      throw e;
    } finally {
      overlappingJudge.close();
    }
    Throwable failure = sourceFailure.get();
    if (failure instanceof Exception e) {
      throw e;
    } else if (failure != null) {
      throw new IllegalStateException("a source failed", failure);
    }
  }

  /** Takes events until the sources have ended, then flushes windowers, batch and sinks. */
  private void work() throws Exception {
    int running = sources.size();
    long stopDeadline = 0;
    boolean stopSeen = false;
    while (running > 0) {
      if (stopping) {
        // Go on taking what the sources hand over until each has ended (its end marker comes after
        // its last event), but give up on those that ignore close() once the grace has passed.
        long now = System.nanoTime();
        if (!stopSeen) {
          stopSeen = true;
          stopDeadline = now + SOURCE_STOP_GRACE.toNanos();
        } else if (now - stopDeadline >= 0) {
          break;
        }
      }
      Object item = queue.poll();
      if (item == null) {
        // Nothing queued: judge the batch that waits for the next one to go to the model.
        overlappingJudge.judgeWaiting();
        long waitNanos = Math.min(batcher.untilDue(System.nanoTime()), 100_000_000L);
        item = queue.poll(waitNanos, TimeUnit.NANOSECONDS);
      }
      if (item == SOURCE_ENDED) {
        running--;
      } else if (item instanceof SourceEvent event) {
        handle(event);
      }
      if (batcher.isDue(System.nanoTime())) {
        embedBatch();
      }
    }
    drainQueue();
    for (FeedMonitor monitor : monitors.values()) {
      queueWindows(monitor, monitor.flush());
    }
    if (!batcher.isEmpty()) {
      embedBatch();
    }
    overlappingJudge.judgeWaiting();
    for (AlertSink sink : alertSinks) {
      sink.flush();
    }
    deadLetterSink.flush();
  }

  /**
   * After a failed run nothing takes from the queue any more: stop the sources, and let go of those
   * blocked on the full queue (their events are dropped) so that their threads end.
   */
  private void abandon() {
    abandoned = true;
    stop();
    queue.clear();
  }

  /**
   * Asks the sources to end and the worker to flush and return; safe from any thread. The worker
   * still handles every event already queued and what the sources hand over until they end; a
   * source still running {@link #SOURCE_STOP_GRACE} after this call is no longer waited for.
   */
  public void stop() {
    stopping = true;
    for (ObservationSource source : sources) {
      try {
        source.close();
      } catch (Exception e) {
        // Closing is best effort; the worker stops regardless.
      }
    }
  }

  private void runSource(ObservationSource source, CountDownLatch started) {
    started.countDown();
    try {
      source.run(this::enqueue);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | Error e) {
      sourceFailure.compareAndSet(null, e);
    } finally {
      enqueue(SOURCE_ENDED);
    }
  }

  /**
   * Blocks while the queue is full: this is the backpressure that reaches the sources. An interrupt
   * does not drop the item: it is queued all the same and the thread's interrupt status is restored
   * for the source to see. In particular the end marker of a source whose run() ended by an
   * interrupt still reaches the worker, which would otherwise wait for that source forever. Only
   * after a failed run, when nothing takes from the queue any more, is the item dropped.
   */
  private void enqueue(Object item) {
    boolean interrupted = false;
    try {
      while (!abandoned) {
        try {
          if (queue.offer(item, ENQUEUE_RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Handles what is queued now. Only that: a source that ignored stop() could otherwise keep this
   * going for ever. When every source has ended, that is all they handed over.
   */
  private void drainQueue() throws Exception {
    for (int left = queue.size(); left > 0; left--) {
      Object item = queue.poll();
      if (item instanceof SourceEvent event) {
        handle(event);
      }
      if (batcher.isFull()) {
        embedBatch();
      }
    }
  }

  private void handle(SourceEvent event) throws Exception {
    if (event instanceof SourceEvent.Malformed malformed) {
      reject(malformed.rejection());
      return;
    }
    Observation observation = ((SourceEvent.Parsed) event).observation();
    Optional<Rejection> refused = arrival.refusal(observation);
    if (refused.isPresent()) {
      reject(refused.get());
      return;
    }
    boolean newFeed = !monitors.containsKey(observation.feedId());
    Optional<FeedMonitor> monitor = monitorFor(observation);
    if (monitor.isEmpty()) {
      return;
    }
    WindowerOutput output = monitor.get().accept(observation);
    if (output.refusedRecord()) {
      if (newFeed) {
        // Not reached with today's rules (a fresh windower refuses only what ArrivalCheck does),
        // but a feed must never keep a place for a record it refused.
        monitors.remove(observation.feedId());
        listener.feeds(monitors.size());
      }
    } else {
      listener.observed(observation.feedId());
    }
    queueWindows(monitor.get(), output);
  }

  private Optional<FeedMonitor> monitorFor(Observation observation) throws Exception {
    FeedMonitor monitor = monitors.get(observation.feedId());
    if (monitor != null) {
      return Optional.of(monitor);
    }
    if (monitors.size() >= settings.maxFeeds()) {
      reject(
          new Rejection(
              RejectionReason.FEED_LIMIT,
              Optional.of(observation.feedId()),
              observation.asText(),
              "already tracking the most feeds allowed ("
                  + settings.maxFeeds()
                  + "); raise maxFeeds to watch more",
              clock.instant()));
      return Optional.empty();
    }
    monitor = recipe.create(observation.feedId());
    monitors.put(observation.feedId(), monitor);
    listener.feeds(monitors.size());
    return Optional.of(monitor);
  }

  private void queueWindows(FeedMonitor monitor, WindowerOutput output) throws Exception {
    for (Rejection rejection : output.rejections()) {
      reject(rejection);
    }
    for (Window window : output.windows()) {
      if (batcher.isFull()) {
        embedBatch();
      }
      batcher.add(new PendingWindow(window, monitor), System.nanoTime());
    }
  }

  private void reject(Rejection rejection) throws Exception {
    deadLetterSink.accept(rejection);
    listener.rejected(rejection);
  }

  private void embedBatch() throws Exception {
    List<PendingWindow> batch = batcher.take(System.nanoTime());
    List<Window> windows = new ArrayList<>(batch.size());
    Map<Window, FeedMonitor> monitorOf = new IdentityHashMap<>(batch.size());
    for (PendingWindow pending : batch) {
      windows.add(pending.window());
      monitorOf.put(pending.window(), pending.monitor());
    }
    WindowJudge.Feeds<Exception> feeds =
        new WindowJudge.Feeds<>() {
          @Override
          public WindowVerdict onEmbedded(Window window, Embedding embedding) {
            return monitorOf.get(window).onEmbedded(window, embedding);
          }

          @Override
          public void alert(Alert alert) throws Exception {
            for (AlertSink sink : alertSinks) {
              sink.send(alert);
            }
          }
        };
    if (overlapJudging) {
      overlappingJudge.embed(windows, feeds);
    } else {
      judge.judge(windows, feeds);
    }
  }

  /** Stops the sources and waits briefly for their threads; the embedder is the caller's. */
  @Override
  public void close() {
    stop();
    for (Thread thread : sourceThreads) {
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A window waiting for its batch, with the monitor that will judge it. */
  private record PendingWindow(Window window, FeedMonitor monitor) {}

  /** Builds an {@link EmbeddedPipeline}; sources, encoder, embedder and sinks are required. */
  public static final class Builder {
    private final List<ObservationSource> sources = new ArrayList<>();
    private final List<AlertSink> alertSinks = new ArrayList<>();
    private WindowEncoder encoder;
    private Embedder embedder;
    private MonitorSettings monitorSettings = MonitorSettings.defaults();
    private SoftmaxSources softmaxSources;
    private RiskModel riskModel = RiskModel.bundled();
    private DeadLetterSink deadLetterSink;
    private EngineListener listener = EngineListener.NONE;
    private PipelineSettings settings = PipelineSettings.defaults();
    private Clock clock = Clock.systemUTC();
    private boolean overlapJudging = true;

    private Builder() {}

    public Builder source(ObservationSource source) {
      sources.add(Objects.requireNonNull(source, "source"));
      return this;
    }

    public Builder encoder(WindowEncoder encoder) {
      this.encoder = encoder;
      return this;
    }

    public Builder embedder(Embedder embedder) {
      this.embedder = embedder;
      return this;
    }

    public Builder monitorSettings(MonitorSettings monitorSettings) {
      this.monitorSettings = monitorSettings;
      return this;
    }

    /**
     * Where each feed's forecasts come from; by default the online head of the monitor settings
     * (give {@code ModelLogitsSource.forEveryFeed()} for a model with its own logits).
     */
    public Builder softmaxSources(SoftmaxSources softmaxSources) {
      this.softmaxSources = softmaxSources;
      return this;
    }

    /** The risk model the trust score calibrates; by default the bundled one. */
    public Builder riskModel(RiskModel riskModel) {
      this.riskModel = riskModel;
      return this;
    }

    public Builder alertSink(AlertSink sink) {
      alertSinks.add(Objects.requireNonNull(sink, "alertSink"));
      return this;
    }

    public Builder deadLetterSink(DeadLetterSink deadLetterSink) {
      this.deadLetterSink = deadLetterSink;
      return this;
    }

    public Builder listener(EngineListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public Builder settings(PipelineSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Whether the model embeds each batch on its own thread while the worker judges the batch
     * before (default on; see the class comment). Off, each batch is judged right after its
     * embedding.
     */
    public Builder overlapJudging(boolean overlapJudging) {
      this.overlapJudging = overlapJudging;
      return this;
    }

    public EmbeddedPipeline build() {
      return new EmbeddedPipeline(this);
    }
  }
}
