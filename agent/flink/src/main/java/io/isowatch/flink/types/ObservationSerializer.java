package io.isowatch.flink.types;

import io.isowatch.core.feed.Forecast;
import io.isowatch.core.feed.Observation;
import java.io.IOException;
import java.util.Optional;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An {@link Observation}: feed, event time, value (NaN and infinities kept) and the production
 * forecast it may carry (target time, point, interval ends with NaN for none). Observations only
 * travel between operators, never in state, so the format has no savepoint to stay readable for.
 */
public final class ObservationSerializer extends ValueSerializer<Observation> {
  private static final long serialVersionUID = 1L;
  public static final ObservationSerializer INSTANCE = new ObservationSerializer();

  @Override
  public void serialize(Observation observation, DataOutputView out) throws IOException {
    write(observation, out);
  }

  @Override
  public Observation deserialize(DataInputView in) throws IOException {
    return read(in);
  }

  static void write(Observation observation, DataOutputView out) throws IOException {
    Fields.writeString(out, observation.feedId());
    Fields.writeInstant(out, observation.eventTime());
    out.writeDouble(observation.value());
    Optional<Forecast> forecast = observation.forecast();
    out.writeBoolean(forecast.isPresent());
    if (forecast.isPresent()) {
      Fields.writeInstant(out, forecast.get().target());
      out.writeDouble(forecast.get().point());
      out.writeDouble(forecast.get().lower());
      out.writeDouble(forecast.get().upper());
    }
  }

  static Observation read(DataInputView in) throws IOException {
    String feedId = Fields.readString(in);
    var eventTime = Fields.readInstant(in);
    double value = in.readDouble();
    Optional<Forecast> forecast =
        in.readBoolean()
            ? Optional.of(
                new Forecast(
                    Fields.readInstant(in), in.readDouble(), in.readDouble(), in.readDouble()))
            : Optional.empty();
    return new Observation(feedId, eventTime, value, forecast);
  }

  @Override
  public TypeSerializerSnapshot<Observation> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Names the serializer in savepoints; it has no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Observation> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
