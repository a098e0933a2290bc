package io.isowatch.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.predict.HeadSettings;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.model.encode.Scaling;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Job settings survive the Java serialization Flink ships functions with, rebuild the core's
 * settings unchanged, and refuse bad values naming the field; the job jar's command line names what
 * is missing.
 */
class JobSettingsTest {
  @Test
  void settingsSurviveJavaSerializationAndRebuildTheCoreSettings() throws Exception {
    WindowSpec window =
        WindowSpec.builder()
            .length(48)
            .stride(6)
            .allowedLateness(Duration.ofMinutes(2))
            .maxGap(Duration.ofHours(1))
            .maxPending(100)
            .build();
    TrustSettings trust = TrustSettings.forFalseAlarmRate(0.05).withConfirm(3);
    HeadSettings head = new HeadSettings(16, HeadSettings.Binning.UNIFORM, -1, 2, 40, 0.2, 1e-4);
    JobSettings settings =
        JobSettings.builder()
            .window(window)
            .windowCloudCapacity(16)
            .evaluateEvery(3)
            .head(head)
            .horizon(2)
            .intervalLevel(0.8)
            .trust(trust)
            .scaling(Scaling.fixed(0, 100))
            .batch(new BatchSettings(8, Duration.ofMillis(20)))
            .build();

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(settings);
    }
    JobSettings back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (JobSettings) in.readObject();
    }

    MonitorSettings expected =
        MonitorSettings.builder()
            .window(window)
            .width(384)
            .windowCloudCapacity(16)
            .evaluateEvery(3)
            .head(head)
            .horizon(2)
            .intervalLevel(0.8)
            .trust(trust)
            .build();
    assertThat(back.monitorSettings()).isEqualTo(expected);
    assertThat(back.window()).isEqualTo(window);
    assertThat(back.batch()).isEqualTo(new BatchSettings(8, Duration.ofMillis(20)));
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> JobSettings.builder().intraOpThreads(-2).build())
        .hasMessage("intraOpThreads must not be negative, got -2");
    assertThatThrownBy(() -> JobSettings.builder().evaluateEvery(0).build())
        .hasMessage("evaluateEvery must be at least 1, got 0");
    assertThatThrownBy(() -> JobSettings.builder().horizon(0).build())
        .hasMessageStartingWith("horizon must be in [1, ");
  }

  @Test
  void theJobReadsEveryBundledModelByItsLabel() {
    CommandLine command = IsowatchFlinkJob.commandLine();
    String[] required = {"--bootstrap-servers", "kafka:9092", "--observations-topic", "feeds"};

    command.parseArgs(required);
    assertThat(((IsowatchFlinkJob) command.getCommand()).model).isEqualTo(ModelChoice.DEFAULT);
    for (ModelChoice choice : ModelChoice.values()) {
      command.parseArgs(
          "--bootstrap-servers",
          "kafka:9092",
          "--observations-topic",
          "feeds",
          "--model",
          choice.label());
      assertThat(((IsowatchFlinkJob) command.getCommand()).model).isEqualTo(choice);
    }
    StringWriter err = new StringWriter();
    command.setErr(new PrintWriter(err, true));
    assertThat(command.execute("--bootstrap-servers", "k:9092", "--input", "t", "--model", "int4"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("expected one of numeric-lm, minilm-int8, minilm-fp32");
  }

  @Test
  void theJobCommandLineNamesAMissingOption() {
    StringWriter err = new StringWriter();
    CommandLine command = IsowatchFlinkJob.commandLine();
    command.setErr(new PrintWriter(err, true));

    int exit = command.execute("--observations-topic", "feeds");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("Missing required option: '--bootstrap-servers=<bootstrapServers>'");
  }
}
