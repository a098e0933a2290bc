package io.isowatch.flink.feed;

import io.isowatch.core.feed.Observation;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.flink.metrics.IsowatchMetrics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Passes parsed observations on and sets records a source could not read aside. */
public final class ParseSplitter extends ProcessFunction<SourceEvent, Observation> {
  private static final long serialVersionUID = 1L;

  private transient IsowatchMetrics metrics;

  @Override
  public void open(OpenContext context) {
    metrics = new IsowatchMetrics(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(SourceEvent event, Context context, Collector<Observation> out) {
    if (event instanceof SourceEvent.Parsed parsed) {
      out.collect(parsed.observation());
    } else {
      SourceEvent.Malformed malformed = (SourceEvent.Malformed) event;
      context.output(DeadLetters.TAG, malformed.rejection());
      metrics.rejected(malformed.rejection());
    }
  }
}
