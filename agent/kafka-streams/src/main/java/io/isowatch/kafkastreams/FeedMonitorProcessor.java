package io.isowatch.kafkastreams;

import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.connectors.sink.AlertJson;
import io.isowatch.connectors.sink.RejectionJson;
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
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorRecipe;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.engine.judge.SharedModelThread;
import io.isowatch.engine.judge.WindowJudge;
import io.isowatch.engine.report.EngineListener;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The engine's one stateful step, keyed by feed: decodes each record, hands it to its feed's {@link
 * FeedMonitor}, gathers the windows the monitors complete across the task's feeds into embedding
 * batches, embeds a batch when it is full or has waited {@code maxWait} (a wall-clock punctuation),
 * and forwards alerts, measures and dead letters. It holds no domain logic.
 *
 * <p><b>State and exactly-once.</b> The stores are the truth at every commit, whenever Kafka
 * Streams commits (on its interval, at a rebalance, on close): each record's effects are written to
 * them before {@link #process} returns. A feed's state is its monitor's snapshot (monitor store)
 * followed by the observations it has taken since (tail store), which {@link FeedMonitor#accept}
 * replays exactly; the snapshot is rewritten, and the tail cleared, after each of the feed's
 * windows is embedded (once per batch) or once the tail holds {@value #MAX_TAIL} observations. A
 * snapshot is some hundred kilobytes and an observation some tens of bytes, so this, rather than a
 * snapshot per record, keeps the engine's cost near the in-process engine's. Each window that waits
 * for its batch is in the pending-window store (deleted once embedded). The stores are logged and
 * cached, so the changelogs receive at most one value per key and commit. After a crash the
 * uncommitted transaction (outputs, store changes, offsets) is aborted and a new processor
 * continues from the committed stores: no alert is lost or repeated.
 *
 * <p><b>Judging while the model works.</b> With {@code overlap}, the windows of all the stream
 * thread's tasks fill one batch, embedded on the thread's model thread ({@link SharedModelThread},
 * {@link SharedBatching}) while the tasks go on; each task judges its own windows of it later: at
 * its next record or punctuation once the embeddings are ready, before it adds windows to a new
 * batch, or at the punctuation that finds none of its windows filling a batch. A commit in between
 * is as consistent as one with windows still waiting for their batch: they are in the
 * pending-window store until judged, their monitors have not seen them, and their outputs go out in
 * the transaction of the call that judges them. A task that is closed or revived drops them (the
 * pending-window store has them); a feed's window then waits for at most two batches, which the
 * monitor's {@code maxEmbeddingLag} must cover. Without {@code overlap} each task batches its own
 * windows and judges them right after their embedding ({@link AtOnceBatching}).
 *
 * <p><b>Memory per task.</b> At most {@code maxCachedMonitors} live monitors ({@link
 * FeedMonitor#memoryBytes} each), plus during an embedding call those of the batch's feeds (at most
 * {@code maxBatch}), and {@code maxBatch} pending windows; the stores (RocksDB, on disk) hold one
 * snapshot and at most {@value #MAX_TAIL} observations per feed, at most {@code maxFeeds} feeds per
 * task.
 */
final class FeedMonitorProcessor implements Processor<String, byte[], String, Emitted> {
  static final String MONITOR_STORE = "isowatch-feed-monitors";
  static final String PENDING_STORE = "isowatch-pending-windows";
  static final String TAIL_STORE = "isowatch-observation-tails";

  /** Most observations a feed's stored snapshot may lag behind before it is written anew. */
  static final int MAX_TAIL = 64;

  /** The shortest interval of the punctuation that embeds batches that waited long enough. */
  private static final Duration MIN_TICK = Duration.ofMillis(5);

  private static final StringSerializer KEYS = new StringSerializer();

  private final StreamsEngineSettings settings;
  private final ObservationJson json;
  private final PerThread<WindowEncoder> encoders;
  private final PerThread<Embedder> embedders;
  private final PerThread<SharedModelThread> modelThreads;
  private final boolean overlap;
  private final EngineListener listener;
  private final Serializer<FeedMonitor> monitorWriter;
  private final Deserializer<FeedMonitor> monitorReader;
  private final MonitorRecipe recipe;
  private final ArrivalCheck arrival;
  private final Map<String, LiveFeed> live;
  private final WindowJudge.Feeds<RuntimeException> taskFeeds = new TaskFeeds();

  /** The feeds of the windows judged in the current batch, until their snapshots are written. */
  private final Map<String, LiveFeed> measured = new LinkedHashMap<>();

  private ProcessorContext<String, Emitted> context;
  private KeyValueStore<String, byte[]> monitors;
  private KeyValueStore<String, byte[]> pending;
  private KeyValueStore<String, byte[]> tails;
  private TaskBatching batching;
  private int feeds;

  FeedMonitorProcessor(
      StreamsEngineSettings settings,
      MonitorRecipe recipe,
      ObservationJson json,
      PerThread<WindowEncoder> encoders,
      PerThread<Embedder> embedders,
      PerThread<SharedModelThread> modelThreads,
      boolean overlap,
      EngineListener listener) {
    this.settings = settings;
    this.recipe = recipe;
    this.arrival = ArrivalCheck.of(recipe.settings().window(), Clock.systemUTC());
    this.json = json;
    this.encoders = encoders;
    this.embedders = embedders;
    this.modelThreads = modelThreads;
    this.overlap = overlap;
    this.listener = listener;
    FeedMonitorSerde serde = new FeedMonitorSerde(recipe);
    this.monitorWriter = serde.serializer();
    this.monitorReader = serde.deserializer();
    int cached = settings.maxCachedMonitors();
    this.live =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, LiveFeed> eldest) {
            // Safe to forget: every change of a monitor is already in the store.
            return size() > cached;
          }
        };
  }

  /**
   * Also called again on the same instance when Kafka Streams revives a task after an aborted
   * transaction: everything in memory is dropped and read back from the (restored) stores, the
   * batch handed to the model too.
   */
  @Override
  public void init(ProcessorContext<String, Emitted> context) {
    this.context = context;
    this.monitors = context.getStateStore(MONITOR_STORE);
    this.pending = context.getStateStore(PENDING_STORE);
    this.tails = context.getStateStore(TAIL_STORE);
    if (batching != null) {
      batching.drop();
    }
    batching =
        overlap
            ? new SharedBatching(modelThreads.get().lane(listener))
            : new AtOnceBatching(
                new WindowJudge(encoders.get(), embedders.get(), listener),
                settings.batch().maxBatch(),
                settings.batch().maxWait().toMillis());
    live.clear();
    measured.clear();
    feeds = 0;
    try (KeyValueIterator<String, byte[]> all = monitors.all()) {
      while (all.hasNext()) {
        all.next();
        feeds++;
      }
    }
    long now = context.currentSystemTimeMs();
    try (KeyValueIterator<String, byte[]> all = pending.all()) {
      // Keys sort by feed, then sequence: each feed's windows come back in order.
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        batching.reload(WindowSerde.fromBytes(entry.value), now);
      }
    }
    Duration tick = settings.batch().maxWait().dividedBy(4);
    context.schedule(
        tick.compareTo(MIN_TICK) < 0 ? MIN_TICK : tick,
        PunctuationType.WALL_CLOCK_TIME,
        timestamp -> {
          batching.embedDue(context.currentSystemTimeMs(), taskFeeds);
          batching.settle(taskFeeds);
          saveMeasured();
        });
  }

  /** The task is closed: its batch on the model, if any, is the next owner's to redo. */
  @Override
  public void close() {
    if (batching != null) {
      batching.drop();
    }
  }

  @Override
  public void process(Record<String, byte[]> record) {
    batching.judgeReady(taskFeeds);
    // Before the record's feed is looked up: the judged monitors' state is in the stores.
    saveMeasured();
    byte[] original = record.value();
    // An empty key is no key (the router gives one to records whose feed cannot be read).
    String key = record.key() == null || record.key().isEmpty() ? null : record.key();
    if (original == null) {
      deadLetter(
          rejection(
              RejectionReason.UNPARSABLE, Optional.ofNullable(key), "", "record has no value"),
          null,
          record.headers());
      return;
    }
    String text = new String(original, StandardCharsets.UTF_8);
    ObservationJson.Decoded decoded = json.decode(text, Optional.ofNullable(key));
    if (decoded instanceof ObservationJson.Decoded.Invalid invalid) {
      deadLetter(
          rejection(invalid.reason(), invalid.feedId(), text, invalid.detail()),
          original,
          record.headers());
      return;
    }
    Observation observation = ((ObservationJson.Decoded.Valid) decoded).observation();
    // Refused before its feed is looked up: a feed of rejected records takes no place. Before the
    // key is compared too: a name that is not valid UTF-8 cannot survive as a key.
    Optional<Rejection> refused = arrival.refusal(observation);
    if (refused.isPresent()) {
      deadLetter(refused.get(), original, record.headers());
      return;
    }
    if (!observation.feedId().equals(key)) {
      deadLetter(
          rejection(
              key == null ? RejectionReason.MISSING_FIELD : RejectionReason.UNPARSABLE,
              Optional.of(observation.feedId()),
              text,
              key == null
                  ? "record has no key: with key-by record-key the key names the feed"
                  : "record names feed "
                      + observation.feedId()
                      + " but its key is "
                      + key
                      + ": with key-by record-key the key names the feed (or use key-by field)"),
          original,
          record.headers());
      return;
    }
    Optional<LiveFeed> found = feedOf(observation.feedId());
    if (found.isEmpty()) {
      deadLetter(
          rejection(
              RejectionReason.FEED_LIMIT,
              Optional.of(observation.feedId()),
              text,
              "this task already tracks the most feeds allowed ("
                  + settings.maxFeeds()
                  + "); raise maxFeeds or add input partitions"),
          original,
          record.headers());
      return;
    }
    LiveFeed feed = found.get();
    WindowerOutput output = feed.monitor.accept(observation);
    if (!output.refusedRecord()) {
      listener.observed(observation.feedId());
    }
    if (feed.tail < MAX_TAIL) {
      tails.put(tailKey(observation.feedId(), feed.tail++), original);
    } else {
      saveSnapshot(observation.feedId(), feed);
    }
    for (Rejection rejection : output.rejections()) {
      deadLetter(rejection, original, record.headers());
    }
    for (Window window : output.windows()) {
      pending.put(pendingKey(window), WindowSerde.toBytes(window));
      batching.add(window, context.currentSystemTimeMs(), taskFeeds);
      saveMeasured();
    }
    batching.embedDue(context.currentSystemTimeMs(), taskFeeds);
    saveMeasured();
  }

  /** One snapshot per feed and call, however many of its windows were judged. */
  private void saveMeasured() {
    measured.forEach(this::saveSnapshot);
    measured.clear();
  }

  /** How a judged window reaches its feed's monitor, and where the verdict's outputs go. */
  private final class TaskFeeds implements WindowJudge.Feeds<RuntimeException> {
    @Override
    public WindowVerdict onEmbedded(Window window, Embedding embedding) {
      // Held here, not only in the live cache, until their snapshots are written after the batch.
      LiveFeed feed =
          measured.computeIfAbsent(
              window.feedId(),
              id ->
                  feedOf(id)
                      .orElseThrow(
                          () -> new IllegalStateException("pending window of unknown feed " + id)));
      WindowVerdict verdict = feed.monitor.onEmbedded(window, embedding);
      pending.delete(pendingKey(window));
      return verdict;
    }

    @Override
    public void measured(WindowVerdict verdict) {
      if (!verdict.signals().isEmpty() && settings.measuresTopic().isPresent()) {
        forward(
            verdict.window().feedId(),
            new Emitted(Emitted.Destination.MEASURES, MeasuresJson.toLine(verdict)));
      }
    }

    @Override
    public void alert(Alert alert) {
      forward(alert.feedId(), new Emitted(Emitted.Destination.ALERT, AlertJson.toLine(alert)));
    }
  }

  /**
   * The feed's monitor: live in memory, else its stored snapshot with the tail replayed, else new
   * (empty when this task already tracks {@code maxFeeds} feeds).
   */
  private Optional<LiveFeed> feedOf(String feedId) {
    LiveFeed feed = live.get(feedId);
    if (feed != null) {
      return Optional.of(feed);
    }
    byte[] stored = monitors.get(feedId);
    if (stored != null) {
      feed = new LiveFeed(monitorReader.deserialize(null, stored));
      replayTail(feedId, feed);
    } else {
      if (feeds >= settings.maxFeeds()) {
        return Optional.empty();
      }
      feed = new LiveFeed(recipe.create(feedId));
      feeds++;
      // Every feed the task tracks has a snapshot: the feed count at start-up reads the store.
      saveSnapshot(feedId, feed);
    }
    live.put(feedId, feed);
    return Optional.of(feed);
  }

  /** Gives the monitor again the observations its snapshot lacks; what they output is old news. */
  private void replayTail(String feedId, LiveFeed feed) {
    try (KeyValueIterator<String, byte[]> tail = tails.prefixScan(feedPrefix(feedId), KEYS)) {
      while (tail.hasNext()) {
        byte[] original = tail.next().value;
        ObservationJson.Decoded decoded =
            json.decode(new String(original, StandardCharsets.UTF_8), Optional.of(feedId));
        if (!(decoded instanceof ObservationJson.Decoded.Valid valid)) {
          throw new IllegalStateException(
              "the tail of feed " + feedId + " holds a record that no longer decodes: " + decoded);
        }
        feed.monitor.accept(valid.observation());
        feed.tail++;
      }
    }
  }

  /** Writes the monitor's snapshot and drops the tail it now includes. */
  private void saveSnapshot(String feedId, LiveFeed feed) {
    monitors.put(feedId, monitorWriter.serialize(null, feed.monitor));
    for (int i = 0; i < feed.tail; i++) {
      tails.delete(tailKey(feedId, i));
    }
    feed.tail = 0;
  }

  private void deadLetter(Rejection rejection, byte[] original, Headers inputHeaders) {
    Headers headers =
        DeadLetterHeaders.of(rejection, original, inputHeaders, context.recordMetadata());
    context.forward(
        new Record<>(
            rejection.feedId().orElse(null),
            new Emitted(Emitted.Destination.DEAD_LETTER, RejectionJson.toLine(rejection)),
            context.currentSystemTimeMs(),
            headers));
    listener.rejected(rejection);
  }

  private void forward(String feedId, Emitted emitted) {
    context.forward(
        new Record<>(feedId, emitted, context.currentSystemTimeMs(), new RecordHeaders()));
  }

  private Rejection rejection(
      RejectionReason reason, Optional<String> feedId, String original, String detail) {
    return new Rejection(
        reason, feedId, original, detail, Instant.ofEpochMilli(context.currentSystemTimeMs()));
  }

  /** Feed, then the position zero-padded: the store's byte order is the order of the tail. */
  static String tailKey(String feedId, int position) {
    return feedPrefix(feedId) + String.format(Locale.ROOT, "%05d", position);
  }

  /** What the tail and pending-window keys of a feed start with, and no other feed's do. */
  static String feedPrefix(String feedId) {
    return feedId + '\u0000';
  }

  /** A live monitor and how many observations its stored snapshot lacks. */
  private static final class LiveFeed {
    final FeedMonitor monitor;
    int tail;

    LiveFeed(FeedMonitor monitor) {
      this.monitor = monitor;
    }
  }

  /** Feed, then the sequence zero-padded: the store's byte order is each feed's window order. */
  static String pendingKey(Window window) {
    return feedPrefix(window.feedId()) + String.format(Locale.ROOT, "%019d", window.sequence());
  }
}
