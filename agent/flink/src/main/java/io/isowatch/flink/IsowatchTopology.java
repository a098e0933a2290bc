package io.isowatch.flink;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.Window;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.flink.embed.BatchEmbeddingOperator;
import io.isowatch.flink.embed.EmbeddedWindow;
import io.isowatch.flink.feed.DeadLetters;
import io.isowatch.flink.feed.ParseSplitter;
import io.isowatch.flink.feed.WindowingFunction;
import io.isowatch.flink.monitor.MonitorFunction;
import io.isowatch.flink.types.IsowatchTypes;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The isowatch dataflow, from source events to alerts and dead letters, one operator a line:
 *
 * <pre>
 * events -> parse (bad records aside) -> key by feed -> windows (FeedWindower, keyed state)
 *        -> embed (mini-batches across this subtask's feeds, one ONNX session per subtask)
 *        -> monitors (FeedMonitor, keyed state) -> alerts
 * </pre>
 *
 * Windows, embedding and monitors run in one chain: a window is keyed once, and stays on the
 * subtask that owns its feed, so the monitors read the embedder's output as a keyed stream ({@link
 * DataStreamUtils#reinterpretAsKeyedStream}) and no embedding (token states are ~200 KB a window)
 * is ever serialized or sent over the network. Every stateful operator has a fixed uid, so
 * savepoints map onto a new job, at any parallelism up to {@link #MAX_PARALLELISM}.
 */
public final class IsowatchTopology {
  /** Key groups of the keyed state: the most subtasks a job can ever be rescaled to. */
  public static final int MAX_PARALLELISM = 128;

  public static final String PARSE_UID = "isowatch-parse";
  public static final String WINDOWS_UID = "isowatch-windows";
  public static final String EMBED_UID = "isowatch-embed";
  public static final String MONITORS_UID = "isowatch-monitors";

  private IsowatchTopology() {}

  /** What the dataflow produces. */
  public record Outputs(DataStream<Alert> alerts, DataStream<Rejection> deadLetters) {}

  /** Builds the dataflow on {@code events}; the sources and sinks are the caller's. */
  public static Outputs build(DataStream<SourceEvent> events, JobSettings settings) {
    events.getExecutionEnvironment().setMaxParallelism(MAX_PARALLELISM);
    SingleOutputStreamOperator<Observation> observations =
        events.process(new ParseSplitter(), IsowatchTypes.OBSERVATION).name("parse").uid(PARSE_UID);
    SingleOutputStreamOperator<Window> windows =
        observations
            .keyBy(Observation::feedId, Types.STRING)
            .process(new WindowingFunction(settings), IsowatchTypes.WINDOW)
            .name("windows")
            .uid(WINDOWS_UID);
    SingleOutputStreamOperator<EmbeddedWindow> embedded =
        windows
            .transform("embed", IsowatchTypes.EMBEDDED_WINDOW, new BatchEmbeddingOperator(settings))
            .uid(EMBED_UID);
    KeyedStream<EmbeddedWindow, String> byFeed =
        DataStreamUtils.reinterpretAsKeyedStream(embedded, EmbeddedWindow::feedId, Types.STRING);
    SingleOutputStreamOperator<Alert> alerts =
        byFeed
            .process(new MonitorFunction(settings), IsowatchTypes.ALERT)
            .name("monitors")
            .uid(MONITORS_UID);
    DataStream<Rejection> deadLetters =
        observations.getSideOutput(DeadLetters.TAG).union(windows.getSideOutput(DeadLetters.TAG));
    return new Outputs(alerts, deadLetters);
  }
}
