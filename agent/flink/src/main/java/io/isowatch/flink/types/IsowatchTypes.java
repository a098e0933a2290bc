package io.isowatch.flink.types;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.flink.monitor.MonitorState;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The type information of every isowatch type that flows through the job or sits in its state. */
public final class IsowatchTypes {
  public static final TypeInformation<SourceEvent> SOURCE_EVENT =
      new IsowatchTypeInfo<>(SourceEvent.class, SourceEventSerializer.INSTANCE);
  public static final TypeInformation<Observation> OBSERVATION =
      new IsowatchTypeInfo<>(Observation.class, ObservationSerializer.INSTANCE);
  public static final TypeInformation<Rejection> REJECTION =
      new IsowatchTypeInfo<>(Rejection.class, RejectionSerializer.INSTANCE);
  public static final TypeInformation<Alert> ALERT =
      new IsowatchTypeInfo<>(Alert.class, AlertSerializer.INSTANCE);
  public static final TypeInformation<MonitorState> MONITOR_STATE =
      new IsowatchTypeInfo<>(MonitorState.class, MonitorStateSerializer.INSTANCE);

  private IsowatchTypes() {}
}
