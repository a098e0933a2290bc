package io.isowatch.flink.feed;

import io.isowatch.core.feed.ArrivalCheck;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.flink.metrics.IsowatchMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes parsed observations on and sets aside records a source could not read, and those the
 * arrival checks refuse ({@link ArrivalCheck}: feed name, finite value, time not too far ahead).
 * The latter never reach the keyed monitors: a feed name that is not valid UTF-8 would not survive
 * the shuffle as a key (its bytes are UTF-8), so its record would land in the wrong key group and
 * fail the job.
 */
public final class ParseSplitter extends ProcessFunction<SourceEvent, Observation> {
  private static final long serialVersionUID = 1L;

  private final Duration maxAhead;
  private transient IsowatchMetrics metrics;
  private transient ArrivalCheck arrival;

  /**
   * @param maxAhead how far ahead of the wall clock a record's time may be ({@code
   *     WindowSpec#maxAhead})
   */
  public ParseSplitter(Duration maxAhead) {
    this.maxAhead = Objects.requireNonNull(maxAhead, "maxAhead");
  }

  @Override
  public void open(OpenContext context) {
    metrics = new IsowatchMetrics(getRuntimeContext().getMetricGroup());
    arrival = new ArrivalCheck(maxAhead, Clock.systemUTC());
  }

  @Override
  public void processElement(SourceEvent event, Context context, Collector<Observation> out) {
    if (event instanceof SourceEvent.Parsed parsed) {
      Optional<Rejection> refused = arrival.refusal(parsed.observation());
      if (refused.isEmpty()) {
        out.collect(parsed.observation());
      } else {
        setAside(refused.get(), context);
      }
    } else {
      setAside(((SourceEvent.Malformed) event).rejection(), context);
    }
  }

  private void setAside(Rejection rejection, Context context) {
    context.output(DeadLetters.TAG, rejection);
    metrics.rejected(rejection);
  }
}
