package io.isowatch.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.engine.spec.AgentSpecReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The job jar's command line: the agent it runs comes from the configuration file every engine
 * reads, with options that override it key by key; a bad value or a missing option is named.
 */
class IsowatchFlinkJobTest {
  @Test
  void theJobReadsEveryBundledModelByItsLabel() throws Exception {
    CommandLine command = IsowatchFlinkJob.commandLine();
    String[] required = {"--bootstrap-servers", "kafka:9092", "--observations-topic", "feeds"};

    command.parseArgs(required);
    assertThat(job(command).agentSpec().bundledModel()).contains(ModelChoice.DEFAULT);
    for (ModelChoice choice : ModelChoice.values()) {
      command.parseArgs(
          "--bootstrap-servers",
          "kafka:9092",
          "--observations-topic",
          "feeds",
          "--model",
          choice.label());
      assertThat(job(command).agentSpec().bundledModel()).contains(choice);
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

  @Test
  void withoutAConfigurationTheJobRunsTheDefaultSpec() throws Exception {
    CommandLine command = IsowatchFlinkJob.commandLine();
    command.parseArgs(REQUIRED);

    assertThat(job(command).agentSpec()).isEqualTo(AgentSpec.defaults());
  }

  @Test
  void optionsOverrideTheConfigurationKeyByKey(@TempDir Path folder) throws Exception {
    Path config = folder.resolve("isowatch.yaml");
    Files.writeString(
        config,
        "sources: [{type: jsonl, path: feeds.jsonl}]\n"
            + "window: {length: 32, stride: 4, max-pending: 9}\n"
            + "trust: {false-alarm-rate: 0.04}\n"
            + "pipeline: {max-batch: 8, max-wait: 1s}\n"
            + "metrics: {port: 0}\n");
    CommandLine command = IsowatchFlinkJob.commandLine();
    command.parseArgs(append(REQUIRED, "--config", config.toString(), "--stride", "2"));

    AgentSpec spec = job(command).agentSpec();

    AgentSpec fromFile = AgentSpecReader.read(config);
    assertThat(fromFile.window().stride()).isEqualTo(4);
    assertThat(spec)
        .isEqualTo(
            fromFile.toBuilder()
                .window(WindowSpec.builder().length(32).stride(2).maxPending(9).build())
                .build());
    assertThat(spec.trust().falseAlarmRate()).isEqualTo(0.04);
    assertThat(spec.batch()).isEqualTo(new BatchSettings(8, Duration.ofSeconds(1)));
  }

  @Test
  void aBadConfigurationStopsTheJobNamingTheFileAndTheKey(@TempDir Path folder) throws Exception {
    Path config = folder.resolve("bad.yaml");
    Files.writeString(config, "trust: {false-alarm-rate: 0.7}\n");
    StringWriter err = new StringWriter();
    CommandLine command = IsowatchFlinkJob.commandLine();
    command.setErr(new PrintWriter(err, true));

    int exit = command.execute(append(REQUIRED, "--config", config.toString()));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains(config + ": trust.false-alarm-rate: must be in (0, 0.5), got 0.7");
  }

  /**
   * --risk-model reads what train-risk wrote into the spec the job ships; a bad folder stops it.
   */
  @Test
  void theRiskModelOptionPutsTheOperatorsModelInTheSpec(@TempDir Path folder) throws Exception {
    RiskModel own = RiskModel.constant();
    Path dir = folder.resolve("risk");
    own.writeTo(dir, List.of());
    CommandLine command = IsowatchFlinkJob.commandLine();
    command.parseArgs(append(REQUIRED, "--risk-model", dir.toString()));

    assertThat(job(command).agentSpec().riskModel()).isEqualTo(own);

    StringWriter err = new StringWriter();
    command.setErr(new PrintWriter(err, true));
    Path none = folder.resolve("none");
    assertThat(command.execute(append(REQUIRED, "--risk-model", none.toString()))).isEqualTo(2);
    assertThat(err.toString()).contains("--risk-model: " + none + ": has no risk-model.txt");
  }

  /** The feed cap comes from --max-feeds, else the file's pipeline.max-feeds, else 1,000. */
  @Test
  void theFeedCapIsTheOptionTheFileOrTheDefault(@TempDir Path folder) throws Exception {
    Path config = folder.resolve("isowatch.yaml");
    Files.writeString(config, "pipeline: {max-feeds: 8}\n");
    CommandLine command = IsowatchFlinkJob.commandLine();

    command.parseArgs(REQUIRED);
    assertThat(job(command).maxFeeds()).isEqualTo(IsowatchTopology.DEFAULT_MAX_FEEDS);
    command.parseArgs(append(REQUIRED, "--config", config.toString()));
    assertThat(job(command).maxFeeds()).isEqualTo(8);
    command.parseArgs(append(REQUIRED, "--config", config.toString(), "--max-feeds", "3"));
    assertThat(job(command).maxFeeds()).isEqualTo(3);

    StringWriter err = new StringWriter();
    command.setErr(new PrintWriter(err, true));
    assertThat(command.execute(append(REQUIRED, "--max-feeds", "0"))).isEqualTo(2);
    assertThat(err.toString()).contains("--max-feeds must be at least 1, got 0");
  }

  private static final String[] REQUIRED = {
    "--bootstrap-servers", "kafka:9092", "--observations-topic", "feeds"
  };

  private static String[] append(String[] first, String... more) {
    String[] all = Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  private static IsowatchFlinkJob job(CommandLine command) {
    return (IsowatchFlinkJob) command.getCommand();
  }
}
