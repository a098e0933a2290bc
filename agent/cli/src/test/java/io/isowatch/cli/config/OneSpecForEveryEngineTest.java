package io.isowatch.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.engine.spec.AgentSpecReader;
import io.isowatch.flink.IsowatchFlinkJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One configuration file, one agent: {@code isowatch run} (embedded, Kafka Streams, a local Flink
 * run) and the Flink job's {@code --config} read the same file to the same {@link AgentSpec}.
 */
class OneSpecForEveryEngineTest {
  @TempDir Path folder;

  @Test
  void theRunAndTheFlinkJobReadOneFileToEqualSpecs() throws Exception {
    Path file = folder.resolve("isowatch.yaml");
    Files.writeString(
        file,
        "sources: [{type: jsonl, path: feeds.jsonl}]\n"
            + "model: {bundled: numeric-lm}\n"
            + "encoder: {number-format: digits, trailing-separator: true}\n"
            + "window: {length: 48, stride: 6, max-ahead: 10m}\n"
            + "monitor: {evaluate-every: 2, horizon: 3}\n"
            + "head: {bins: 16, warm-up: 40}\n"
            + "trust: {false-alarm-rate: 0.05, confirm: 3}\n"
            + "pipeline: {max-batch: 8, max-wait: 20ms, max-feeds: 10}\n"
            + "metrics: {port: 0}\n"
            + "sinks: {console: false}\n"
            + "engine: {type: flink}\n");

    AgentSpec run = AgentConfig.read(file, Optional.empty()).settings().spec();
    CommandLine job = IsowatchFlinkJob.commandLine();
    job.parseArgs(
        "--bootstrap-servers",
        "kafka:9092",
        "--observations-topic",
        "feeds",
        "--config",
        "" + file);
    AgentSpec flink = ((IsowatchFlinkJob) job.getCommand()).agentSpec();

    assertThat(flink).isEqualTo(run).isEqualTo(AgentSpecReader.read(file));
    assertThat(run.batch()).isEqualTo(new BatchSettings(8, Duration.ofMillis(20)));
    assertThat(run.window().stride()).isEqualTo(6);
    assertThat(run.trust().confirm()).isEqualTo(3);
  }
}
