package io.isowatch.flink.monitor;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.ArrivalCheck;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowerOutput;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorRecipe;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.engine.batch.WindowBatch;
import io.isowatch.engine.judge.WindowJudge;
import io.isowatch.engine.model.AgentModel;
import io.isowatch.engine.model.ModelSession;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.flink.feed.DeadLetters;
import io.isowatch.flink.metrics.IsowatchMetrics;
import io.isowatch.flink.types.IsowatchTypes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Keyed by feed: each feed's {@link FeedMonitor} lives in keyed state, and this one operator does
 * all the per-feed work. {@link FeedMonitor#accept} places each observation (windowing, production
 * forecasts, reconciling the values it releases); the windows it completes, from every feed of this
 * subtask, wait in one mini-batch for the subtask's ONNX session (opened in {@link #open()}). After
 * embedding, the operator switches to each window's feed ({@link #setCurrentKey}) and hands the
 * window to that feed's monitor ({@link FeedMonitor#onEmbedded}), in window order per feed, so
 * accept and onEmbedded always see the same monitor. Records set aside go to {@link
 * DeadLetters#TAG}.
 *
 * <p>A batch is embedded when it holds {@code maxBatch} windows or its oldest window has waited
 * {@code maxWait}, and always before a checkpoint barrier passes and at the end of the input (after
 * every monitor is flushed). Embedding before the barrier means a checkpoint never holds a pending
 * window: the only state is the monitors', which Flink redistributes by key when the job is
 * rescaled, and the alerts a checkpoint covers are all emitted before it. Memory: at most {@code
 * maxBatch} windows wait, plus one monitor per feed of this subtask ({@link
 * FeedMonitor#memoryBytes}), for at most {@code maxFeeds} feeds: the records of a further feed are
 * set aside as {@link RejectionReason#FEED_LIMIT} before any state is made for it. The count is
 * that of the subtask's keyed state, read again when it starts (after a restore or a rescale, the
 * feeds its key groups hold).
 */
public final class FeedMonitorOperator extends AbstractStreamOperator<Alert>
    implements OneInputStreamOperator<Observation, Alert>, BoundedOneInput, ProcessingTimeCallback {
  private static final long serialVersionUID = 1L;

  /** Name of the keyed state holding each feed's monitor. */
  public static final String STATE_NAME = "monitor";

  private final AgentSpec settings;
  private final int maxFeeds;
  private transient int feeds;
  private transient MonitorSettings monitorSettings;
  private transient ArrivalCheck arrival;
  private transient ValueState<MonitorState> state;
  private transient MonitorRecipe recipe;
  private transient ModelSession model;
  private transient WindowJudge judge;
  private transient WindowBatch<Window> pending;
  private transient ScheduledFuture<?> dueTimer;
  private transient IsowatchMetrics metrics;

  /**
   * @param maxFeeds feeds one subtask tracks at most
   */
  public FeedMonitorOperator(AgentSpec settings, int maxFeeds) {
    if (maxFeeds < 1) {
      throw new IllegalArgumentException("maxFeeds must be at least 1, got " + maxFeeds);
    }
    this.settings = Objects.requireNonNull(settings, "settings");
    this.maxFeeds = maxFeeds;
  }

  @Override
  public void open() throws Exception {
    super.open();
    // a user's own model runs from this task manager's copies of its files
    AgentSpec local = ModelFiles.local(settings, getRuntimeContext().getDistributedCache());
    AgentModel agentModel = local.agentModel();
    model = agentModel.open();
    monitorSettings = local.monitorSettings(model.embedder().dimension());
    arrival = ArrivalCheck.of(monitorSettings.window(), Clock.systemUTC());
    state =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>(STATE_NAME, IsowatchTypes.MONITOR_STATE));
    pending = new WindowBatch<>(settings.batch().maxBatch(), settings.batch().maxWait().toMillis());
    metrics = new IsowatchMetrics(getMetricGroup());
    metrics.falseAlarmRate(monitorSettings.trust().falseAlarmRate());
    // the feeds this subtask's key groups hold: after a restore or a rescale, not only new ones
    try (Stream<Object> keys = getKeyedStateBackend().getKeys(STATE_NAME, VoidNamespace.INSTANCE)) {
      feeds = Math.toIntExact(keys.count());
    }
    metrics.feeds(feeds);
    recipe =
        new MonitorRecipe(
            monitorSettings, agentModel.forecasts(monitorSettings), settings.riskModel());
    judge = new WindowJudge(model.encoder(), model.embedder(), metrics);
    LOG.info(
        "isowatch embedder of subtask {}: {}",
        getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
        model.embedder().describe());
  }

  @Override
  public void processElement(StreamRecord<Observation> element) throws Exception {
    Observation observation = element.getValue();
    // Refused before any keyed state is made for it: a feed of rejected records holds none.
    Optional<Rejection> refused = arrival.refusal(observation);
    if (refused.isPresent()) {
      queue(new WindowerOutput(List.of(), List.of(refused.get())));
      return;
    }
    MonitorState current = state.value();
    if (current == null) {
      if (feeds >= maxFeeds) {
        queue(new WindowerOutput(List.of(), List.of(beyondTheLimit(observation))));
        return;
      }
      current = MonitorState.of(recipe.create(observation.feedId()));
      metrics.feeds(++feeds);
    }
    WindowerOutput output = current.monitor(recipe).accept(observation);
    if (!output.refusedRecord()) {
      metrics.observed(observation.feedId());
    }
    state.update(current);
    queue(output);
  }

  private Rejection beyondTheLimit(Observation observation) {
    return new Rejection(
        RejectionReason.FEED_LIMIT,
        Optional.of(observation.feedId()),
        observation.asText(),
        "this subtask already tracks the most feeds allowed ("
            + maxFeeds
            + "); raise --max-feeds (pipeline.max-feeds) or the parallelism",
        Instant.ofEpochMilli(getProcessingTimeService().getCurrentProcessingTime()));
  }

  private void queue(WindowerOutput placed) throws Exception {
    for (Rejection rejection : placed.rejections()) {
      output.collect(DeadLetters.TAG, new StreamRecord<>(rejection));
      metrics.rejected(rejection);
    }
    for (Window window : placed.windows()) {
      long now = getProcessingTimeService().getCurrentProcessingTime();
      pending.add(window, now);
      if (pending.isFull()) {
        embedPending();
      } else if (pending.size() == 1) {
        dueTimer = getProcessingTimeService().registerTimer(now + pending.untilDue(now), this);
      }
    }
  }

  @Override
  public void onProcessingTime(long time) throws Exception {
    dueTimer = null;
    embedPending();
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    embedPending();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  /** The end of a bounded input: every monitor releases what it held back for late values. */
  @Override
  public void endInput() throws Exception {
    // The keys first: the state changes below must not run under an open iteration of them.
    List<Object> feeds;
    try (Stream<Object> keys = getKeyedStateBackend().getKeys(STATE_NAME, VoidNamespace.INSTANCE)) {
      feeds = keys.collect(Collectors.toList());
    }
    for (Object feed : feeds) {
      setCurrentKey(feed);
      MonitorState current = state.value();
      WindowerOutput output = current.monitor(recipe).flush();
      state.update(current);
      queue(output);
    }
    embedPending();
  }

  @Override
  public void finish() throws Exception {
    embedPending();
    super.finish();
  }

  /** Embeds the batch, then judges each window with its own feed's monitor, in batch order. */
  private void embedPending() throws Exception {
    if (dueTimer != null) {
      dueTimer.cancel(false);
      dueTimer = null;
    }
    if (pending.isEmpty()) {
      return;
    }
    judge.judge(
        pending.take(getProcessingTimeService().getCurrentProcessingTime()),
        new WindowJudge.Feeds<Exception>() {
          @Override
          public WindowVerdict onEmbedded(Window window, Embedding embedding) throws Exception {
            setCurrentKey(window.feedId());
            MonitorState current = state.value();
            WindowVerdict verdict = current.monitor(recipe).onEmbedded(window, embedding);
            state.update(current);
            return verdict;
          }

          @Override
          public void alert(Alert alert) {
            output.collect(new StreamRecord<>(alert));
          }
        });
  }

  @Override
  public void close() throws Exception {
    try {
      if (model != null) {
        model.close();
      }
    } finally {
      super.close();
    }
  }
}
