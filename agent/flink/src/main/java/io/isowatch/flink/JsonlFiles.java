package io.isowatch.flink;

import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.flink.types.IsowatchTypes;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Replays JSON Lines files ({@link ObservationJson}, one observation a line) through the job: a
 * bounded, checkpointed Flink file source, for replays and benchmarks. A line that is no
 * observation becomes a dead letter.
 */
public final class JsonlFiles {
  private JsonlFiles() {}

  /** The events of {@code files}, read by one reader per file split. */
  public static DataStream<SourceEvent> events(
      StreamExecutionEnvironment env, List<java.nio.file.Path> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a replay needs at least one file");
    }
    Path[] paths = files.stream().map(file -> new Path(file.toUri())).toArray(Path[]::new);
    FileSource<String> source =
        FileSource.forRecordStreamFormat(new TextLineInputFormat(), paths).build();
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "jsonl replay")
        .uid("isowatch-jsonl-source")
        .filter(line -> !line.isBlank())
        .name("skip blank lines")
        .map(new LineDecoder(), IsowatchTypes.SOURCE_EVENT)
        .name("decode");
  }

  /** One line to an observation or a dead letter. */
  static final class LineDecoder implements MapFunction<String, SourceEvent> {
    private static final long serialVersionUID = 1L;
    private transient ObservationJson json;

    @Override
    public SourceEvent map(String line) {
      if (json == null) {
        json = ObservationJson.defaults();
      }
      ObservationJson.Decoded decoded = json.decode(line);
      if (decoded instanceof ObservationJson.Decoded.Valid valid) {
        return new SourceEvent.Parsed(valid.observation());
      }
      ObservationJson.Decoded.Invalid invalid = (ObservationJson.Decoded.Invalid) decoded;
      return new SourceEvent.Malformed(
          new Rejection(invalid.reason(), invalid.feedId(), line, invalid.detail(), Instant.now()));
    }
  }
}
