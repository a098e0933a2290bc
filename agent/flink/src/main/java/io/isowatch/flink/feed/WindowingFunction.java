package io.isowatch.flink.feed;

import io.isowatch.core.feed.FeedWindower;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.feed.WindowerOutput;
import io.isowatch.flink.JobSettings;
import io.isowatch.flink.metrics.IsowatchMetrics;
import io.isowatch.flink.types.IsowatchTypes;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by feed: places each observation in its feed's {@link FeedWindower} (keyed state) and emits
 * the windows it completes; the records it sets aside go to {@link DeadLetters#TAG}. At the end of
 * a bounded input (the final watermark) each windower is flushed, so values still waiting for late
 * arrivals are windowed too.
 */
public final class WindowingFunction extends KeyedProcessFunction<String, Observation, Window> {
  private static final long serialVersionUID = 1L;

  private final JobSettings settings;
  private transient WindowSpec spec;
  private transient ValueState<WindowerState> state;
  private transient IsowatchMetrics metrics;

  public WindowingFunction(JobSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void open(OpenContext context) {
    spec = settings.window();
    state =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("windower", IsowatchTypes.WINDOWER_STATE));
    metrics = new IsowatchMetrics(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(Observation observation, Context context, Collector<Window> out)
      throws Exception {
    WindowerState current = state.value();
    if (current == null) {
      current = WindowerState.of(FeedWindower.create(observation.feedId(), spec));
      // Fires only at the final watermark of a bounded input.
      context.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }
    metrics.observed(observation.feedId());
    emit(current.windower().accept(observation), context, out);
    state.update(current);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<Window> out)
      throws Exception {
    WindowerState current = state.value();
    if (current != null) {
      emit(current.windower().flush(), context, out);
      state.update(current);
    }
  }

  private void emit(WindowerOutput output, Context context, Collector<Window> out) {
    for (Rejection rejection : output.rejections()) {
      context.output(DeadLetters.TAG, rejection);
      metrics.rejected(rejection);
    }
    output.windows().forEach(out::collect);
  }
}
