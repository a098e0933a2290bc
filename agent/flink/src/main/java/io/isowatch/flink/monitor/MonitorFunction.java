package io.isowatch.flink.monitor;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.flink.JobSettings;
import io.isowatch.flink.embed.EmbeddedWindow;
import io.isowatch.flink.metrics.IsowatchMetrics;
import io.isowatch.flink.types.IsowatchTypes;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by feed: hands each embedded window to its feed's {@link FeedMonitor} (keyed state), which
 * measures and judges it, and emits the alerts it produces. All judgement is the core's.
 */
public final class MonitorFunction extends KeyedProcessFunction<String, EmbeddedWindow, Alert> {
  private static final long serialVersionUID = 1L;

  private final JobSettings settings;
  private transient MonitorSettings monitorSettings;
  private transient ValueState<MonitorState> state;
  private transient IsowatchMetrics metrics;

  public MonitorFunction(JobSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void open(OpenContext context) {
    monitorSettings = settings.monitorSettings();
    state =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("monitor", IsowatchTypes.MONITOR_STATE));
    metrics = new IsowatchMetrics(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(EmbeddedWindow embedded, Context context, Collector<Alert> out)
      throws Exception {
    MonitorState current = state.value();
    if (current == null) {
      current = MonitorState.of(FeedMonitor.create(embedded.feedId(), monitorSettings));
    }
    WindowVerdict verdict =
        current.monitor(monitorSettings).onEmbedded(embedded.window(), embedded.embedding());
    state.update(current);
    metrics.windowMeasured(embedded.feedId());
    if (verdict.evaluated()) {
      metrics.signals(embedded.feedId(), verdict.signals());
    }
    for (Alert alert : verdict.alerts()) {
      metrics.alert(alert);
      out.collect(alert);
    }
  }
}
