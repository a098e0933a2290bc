package io.isowatch.flink.embed;

import io.isowatch.core.embed.Embedder;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.encode.TextSerializationEncoder;
import io.isowatch.core.feed.Window;
import io.isowatch.flink.JobSettings;
import io.isowatch.flink.metrics.IsowatchMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Embeds windows in mini-batches that mix the feeds of this subtask: one ONNX session per subtask,
 * opened in {@link #open()}. A batch is embedded when it holds {@code maxBatch} windows or its
 * oldest window has waited {@code maxWait}, and always before a checkpoint barrier passes and at
 * the end of the input.
 *
 * <p>Embedding everything before the barrier means a checkpoint never holds a pending window: the
 * operator has no state to lose, and none to redistribute when the job is rescaled (a pending
 * window restored on another subtask would reach a monitor that does not own its feed). The cost is
 * one partial batch per checkpoint. Memory: at most {@code maxBatch} windows wait.
 */
public final class BatchEmbeddingOperator extends AbstractStreamOperator<EmbeddedWindow>
    implements OneInputStreamOperator<Window, EmbeddedWindow>,
        BoundedOneInput,
        ProcessingTimeCallback {
  private static final long serialVersionUID = 1L;

  private final JobSettings settings;
  private transient TextSerializationEncoder encoder;
  private transient Embedder embedder;
  private transient List<Window> pending;
  private transient ScheduledFuture<?> dueTimer;
  private transient IsowatchMetrics metrics;

  public BatchEmbeddingOperator(JobSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void open() throws Exception {
    super.open();
    pending = new ArrayList<>(settings.maxBatch());
    metrics = new IsowatchMetrics(getMetricGroup());
    encoder = settings.newEncoder();
    embedder = settings.newEmbedder();
    LOG.info("isowatch embedder of subtask {}: {}", subtaskIndex(), embedder.describe());
  }

  private int subtaskIndex() {
    return getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
  }

  @Override
  public void processElement(StreamRecord<Window> element) throws Exception {
    pending.add(element.getValue());
    if (pending.size() >= settings.maxBatch()) {
      embedPending();
    } else if (pending.size() == 1) {
      long due =
          getProcessingTimeService().getCurrentProcessingTime() + settings.maxWait().toMillis();
      dueTimer = getProcessingTimeService().registerTimer(due, this);
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

  @Override
  public void endInput() throws Exception {
    embedPending();
  }

  @Override
  public void finish() throws Exception {
    embedPending();
    super.finish();
  }

  private void embedPending() {
    if (dueTimer != null) {
      dueTimer.cancel(false);
      dueTimer = null;
    }
    if (pending.isEmpty()) {
      return;
    }
    List<EncodedWindow> encoded = new ArrayList<>(pending.size());
    for (Window window : pending) {
      encoded.add(encoder.encode(window.values()));
    }
    long start = System.nanoTime();
    List<Embedding> embeddings = embedder.embed(encoded);
    metrics.embedded(pending.size(), System.nanoTime() - start);
    for (int i = 0; i < pending.size(); i++) {
      output.collect(new StreamRecord<>(new EmbeddedWindow(pending.get(i), embeddings.get(i))));
    }
    pending.clear();
  }

  @Override
  public void close() throws Exception {
    try {
      if (embedder != null) {
        embedder.close();
      }
      if (encoder != null) {
        encoder.close();
      }
    } finally {
      super.close();
    }
  }
}
