package io.isowatch.flink.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.alert.SignalEvidence;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.Forecast;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.feed.WindowerOutput;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorRecipe;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.flink.monitor.MonitorState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Every isowatch type round-trips through its Flink serializer; the keyed-state holders continue
 * exactly where the snapshot stopped (the next outputs equal those of the original); a copy is
 * independent of its original; a serializer's snapshot restores a compatible serializer; and no
 * type information is generic, so Kryo is never asked.
 */
class SerializersTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final WindowSpec SPEC = WindowSpec.builder().length(8).stride(2).build();
  private static final MonitorSettings MONITOR =
      MonitorSettings.builder()
          .window(SPEC)
          .width(6)
          .windowCloudCapacity(4)
          .evaluateEvery(2)
          .build();

  @Test
  void valuesRoundTrip() throws IOException {
    Observation observation = new Observation("cpu", T0, Double.NaN);
    Observation withForecast =
        new Observation("cpu", T0, 2.5, Optional.of(new Forecast(T0.plusSeconds(60), 3, 2, 4)));
    Observation withPointForecast =
        new Observation("cpu", T0, 2.5, Optional.of(Forecast.point(T0.plusSeconds(60), 3)));
    Rejection rejection =
        new Rejection(RejectionReason.TOO_LATE, Optional.of("cpu"), "orig", "late", T0);
    Rejection anonymous =
        new Rejection(RejectionReason.UNPARSABLE, Optional.empty(), "x", "not JSON", T0);
    Alert alert =
        new Alert(
            "cpu/geometry-baseline/1",
            "cpu",
            "geometry-baseline",
            Severity.CRITICAL,
            AlertState.FIRING,
            T0,
            T0.plusSeconds(600),
            "feed cpu: window_isoscore 7.5 sigma below",
            List.of(new SignalEvidence("window_isoscore", 0.1, 0.4, 0.04, -7.5)),
            "look at the feed",
            T0.plusSeconds(601));

    assertThat(roundTrip(ObservationSerializer.INSTANCE, observation)).isEqualTo(observation);
    assertThat(roundTrip(ObservationSerializer.INSTANCE, withForecast)).isEqualTo(withForecast);
    assertThat(roundTrip(ObservationSerializer.INSTANCE, withPointForecast))
        .isEqualTo(withPointForecast);
    assertThat(roundTrip(RejectionSerializer.INSTANCE, rejection)).isEqualTo(rejection);
    assertThat(roundTrip(RejectionSerializer.INSTANCE, anonymous)).isEqualTo(anonymous);
    assertThat(roundTrip(AlertSerializer.INSTANCE, alert)).isEqualTo(alert);
    assertThat(roundTrip(SourceEventSerializer.INSTANCE, new SourceEvent.Parsed(observation)))
        .isEqualTo(new SourceEvent.Parsed(observation));
    assertThat(roundTrip(SourceEventSerializer.INSTANCE, new SourceEvent.Malformed(rejection)))
        .isEqualTo(new SourceEvent.Malformed(rejection));
  }

  @Test
  void aRestoredMonitorPlacesObservationsExactlyAndACopyIsIndependent() throws IOException {
    FeedMonitor monitor = FeedMonitor.create("cpu", MONITOR);
    List<Observation> stream = observations(40);
    for (Observation o : stream.subList(0, 13)) {
      monitor.accept(o);
    }
    MonitorState state = MonitorState.of(monitor);
    MonitorState restored = roundTrip(MonitorStateSerializer.INSTANCE, state);
    MonitorState copy = MonitorStateSerializer.INSTANCE.copy(state);

    List<WindowerOutput> original = new ArrayList<>();
    for (Observation o : stream.subList(13, 40)) {
      original.add(state.monitor(MonitorRecipe.onlineHead(MONITOR)).accept(o));
    }
    List<WindowerOutput> continued = new ArrayList<>();
    List<WindowerOutput> copied = new ArrayList<>();
    for (Observation o : stream.subList(13, 40)) {
      continued.add(restored.monitor(MonitorRecipe.onlineHead(MONITOR)).accept(o));
      copied.add(copy.monitor(MonitorRecipe.onlineHead(MONITOR)).accept(o));
    }
    assertThat(continued).isEqualTo(original).anyMatch(output -> !output.windows().isEmpty());
    assertThat(copied).as("the copy was not moved on by the original").isEqualTo(original);
  }

  @Test
  void aRestoredMonitorContinuesExactly() throws IOException {
    Random random = new Random(3);
    FeedMonitor monitor = FeedMonitor.create("cpu", MONITOR);
    List<Embedded> windows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      windows.add(embedded(i, random));
    }
    for (Embedded w : windows.subList(0, 11)) {
      monitor.onEmbedded(w.window(), w.embedding());
    }
    MonitorState state = MonitorState.of(monitor);
    MonitorState restored = roundTrip(MonitorStateSerializer.INSTANCE, state);
    MonitorState copy = MonitorStateSerializer.INSTANCE.copy(state);

    List<WindowVerdict> original = verdicts(state, windows.subList(11, 30));
    assertThat(original).anyMatch(WindowVerdict::evaluated);
    assertThat(verdicts(restored, windows.subList(11, 30))).isEqualTo(original);
    assertThat(verdicts(copy, windows.subList(11, 30))).isEqualTo(original);
  }

  @Test
  void aCorruptStateSnapshotIsRefused() {
    MonitorState corrupt = MonitorState.fromSnapshot(new byte[] {1, 2, 3});
    assertThatThrownBy(() -> corrupt.monitor(MonitorRecipe.onlineHead(MONITOR)))
        .hasMessageContaining("snapshot");
  }

  @Test
  void snapshotsRestoreCompatibleSerializers() throws IOException {
    for (TypeSerializer<?> serializer : serializers()) {
      TypeSerializerSnapshot<?> snapshot = serializer.snapshotConfiguration();
      DataOutputSerializer out = new DataOutputSerializer(64);
      TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
      TypeSerializerSnapshot<?> read =
          TypeSerializerSnapshot.readVersionedSnapshot(
              new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
      assertThat(read.restoreSerializer()).isEqualTo(serializer);
      assertThat(compatibility(serializer, read).isCompatibleAsIs()).isTrue();
    }
  }

  @Test
  void noTypeIsGeneric() {
    for (TypeInformation<?> type :
        List.of(
            IsowatchTypes.SOURCE_EVENT,
            IsowatchTypes.OBSERVATION,
            IsowatchTypes.REJECTION,
            IsowatchTypes.ALERT,
            IsowatchTypes.MONITOR_STATE)) {
      SerializerConfigImpl config = new SerializerConfigImpl();
      config.setGenericTypes(false);
      assertThat(type.createSerializer(config).getClass().getPackageName())
          .isEqualTo(SerializersTest.class.getPackageName());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeSerializerSchemaCompatibility<?> compatibility(
      TypeSerializer serializer, TypeSerializerSnapshot read) {
    return serializer.snapshotConfiguration().resolveSchemaCompatibility(read);
  }

  private static List<TypeSerializer<?>> serializers() {
    return List.of(
        ObservationSerializer.INSTANCE,
        RejectionSerializer.INSTANCE,
        SourceEventSerializer.INSTANCE,
        AlertSerializer.INSTANCE,
        MonitorStateSerializer.INSTANCE);
  }

  private static List<WindowVerdict> verdicts(MonitorState state, List<Embedded> windows) {
    List<WindowVerdict> verdicts = new ArrayList<>();
    for (Embedded w : windows) {
      WindowVerdict verdict =
          state.monitor(MonitorRecipe.onlineHead(MONITOR)).onEmbedded(w.window(), w.embedding());
      // Alerts carry the wall-clock time they were raised; compare everything else.
      verdicts.add(new WindowVerdict(verdict.window(), verdict.signals(), List.of()));
      assertThat(verdict.alerts()).isEmpty();
    }
    return verdicts;
  }

  private static Embedded embedded(int sequence, Random random) {
    Window window =
        new Window(
            "cpu",
            sequence,
            T0.plusSeconds(60L * sequence),
            T0.plusSeconds(60L * sequence + 420),
            new double[] {sequence});
    float[] pooled = new float[MONITOR.width()];
    float[][] tokens = new float[5][MONITOR.width()];
    for (int d = 0; d < pooled.length; d++) {
      pooled[d] = (float) random.nextGaussian();
      for (float[] token : tokens) {
        token[d] = (float) random.nextGaussian();
      }
    }
    return new Embedded(window, new Embedding(pooled, tokens, Optional.empty()));
  }

  /** A minute apart, every third carrying a production forecast for the next minute. */
  private static List<Observation> observations(int count) {
    List<Observation> observations = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant time = T0.plusSeconds(60L * i);
      Optional<Forecast> forecast =
          i % 3 == 0
              ? Optional.of(new Forecast(time.plusSeconds(60), Math.sin(i), -1, 1))
              : Optional.empty();
      observations.add(new Observation("cpu", time, Math.sin(i), forecast));
    }
    return observations;
  }

  /** A window with its embedding. */
  private record Embedded(Window window, Embedding embedding) {}

  private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(value, out);
    T back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    DataOutputSerializer again = new DataOutputSerializer(256);
    serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), again);
    assertThat(again.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    return back;
  }
}
