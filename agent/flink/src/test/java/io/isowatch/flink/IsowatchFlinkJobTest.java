package io.isowatch.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.engine.model.ModelChoice;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The job jar's command line: the models it reads and what it names when an option is missing. */
class IsowatchFlinkJobTest {
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
