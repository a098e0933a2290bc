package io.isowatch.flink.types;

import io.isowatch.core.feed.Observation;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** An {@link Observation}: feed, event time, value (NaN and infinities kept). */
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
  }

  static Observation read(DataInputView in) throws IOException {
    return new Observation(Fields.readString(in), Fields.readInstant(in), in.readDouble());
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
