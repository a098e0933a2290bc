package io.isowatch.flink;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.flink.feed.DeadLetters;
import io.isowatch.flink.feed.ParseSplitter;
import io.isowatch.flink.monitor.FeedMonitorOperator;
import io.isowatch.flink.monitor.ModelFiles;
import io.isowatch.flink.types.IsowatchTypes;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The isowatch dataflow, from source events to alerts and dead letters:
 *
 * <pre>
 * events -> parse (bad records aside) -> key by feed
 *        -> monitors (FeedMonitor in keyed state: accept, mini-batches embedded across this
 *           subtask's feeds with one ONNX session, onEmbedded under each window's feed key)
 *        -> alerts
 * </pre>
 *
 * Windowing, embedding and judging run in one keyed operator, so each feed's monitor sees its
 * observations and its embedded windows in order, and no window or embedding (token states are ~200
 * KB a window) is ever serialized or sent over the network. Every stateful operator has a fixed
 * uid, so savepoints map onto a new job, at any parallelism up to {@link #MAX_PARALLELISM}.
 */
public final class IsowatchTopology {
  /** Key groups of the keyed state: the most subtasks a job can ever be rescaled to. */
  public static final int MAX_PARALLELISM = 128;

  public static final String PARSE_UID = "isowatch-parse";
  public static final String MONITORS_UID = "isowatch-monitors";

  private IsowatchTopology() {}

  /** What the dataflow produces. */
  public record Outputs(DataStream<Alert> alerts, DataStream<Rejection> deadLetters) {}

  /** Feeds one subtask tracks unless told otherwise: the in-process engine's default. */
  public static final int DEFAULT_MAX_FEEDS = 1000;

  /** As {@link #build(DataStream, AgentSpec, int)}, with {@link #DEFAULT_MAX_FEEDS}. */
  public static Outputs build(DataStream<SourceEvent> events, AgentSpec settings) {
    return build(events, settings, DEFAULT_MAX_FEEDS);
  }

  /**
   * Builds the dataflow on {@code events}; the sources and sinks are the caller's.
   *
   * @param maxFeeds feeds one subtask tracks at most; the records of further feeds are
   *     dead-lettered
   */
  public static Outputs build(DataStream<SourceEvent> events, AgentSpec settings, int maxFeeds) {
    events.getExecutionEnvironment().setMaxParallelism(MAX_PARALLELISM);
    ModelFiles.ship(events.getExecutionEnvironment(), settings);
    SingleOutputStreamOperator<Observation> observations =
        events
            .process(new ParseSplitter(settings.window().maxAhead()), IsowatchTypes.OBSERVATION)
            .name("parse")
            .uid(PARSE_UID);
    SingleOutputStreamOperator<Alert> alerts =
        observations
            .keyBy(Observation::feedId, Types.STRING)
            .transform("monitors", IsowatchTypes.ALERT, new FeedMonitorOperator(settings, maxFeeds))
            .uid(MONITORS_UID);
    DataStream<Rejection> deadLetters =
        observations.getSideOutput(DeadLetters.TAG).union(alerts.getSideOutput(DeadLetters.TAG));
    return new Outputs(alerts, deadLetters);
  }
}
