package io.isowatch.flink.types;

import io.isowatch.connectors.sink.AlertJson;
import io.isowatch.core.alert.Alert;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An {@link Alert}, in its one JSON form ({@link AlertJson}): alerts are few, and this keeps a
 * single definition of every field.
 */
public final class AlertSerializer extends ValueSerializer<Alert> {
  private static final long serialVersionUID = 1L;
  public static final AlertSerializer INSTANCE = new AlertSerializer();

  @Override
  public void serialize(Alert alert, DataOutputView out) throws IOException {
    Fields.writeString(out, AlertJson.toLine(alert));
  }

  @Override
  public Alert deserialize(DataInputView in) throws IOException {
    String line = Fields.readString(in);
    try {
      return AlertJson.fromLine(line);
    } catch (IllegalArgumentException e) {
      throw new IOException("unreadable alert: " + e.getMessage(), e);
    }
  }

  @Override
  public TypeSerializerSnapshot<Alert> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Names the serializer in savepoints; it has no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Alert> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
