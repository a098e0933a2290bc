package io.isowatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus rules and configs and the Alertmanager config, checked by the tools that load
 * them: {@code promtool check rules}, {@code promtool test rules} on every unit test file, {@code
 * promtool check config} and {@code amtool check-config}. Each check also has a broken twin, so a
 * tool that passes everything would be caught.
 */
class PrometheusConfigToolsTest {
  @TempDir Path scratch;

  @Test
  void everyRuleFileLoads() throws Exception {
    ExternalTool promtool = ExternalTool.require("promtool", "prometheus");
    List<Path> ruleFiles = yamlFiles(RepositoryFiles.prometheus().resolve("rules"));
    assertThat(ruleFiles).hasSizeGreaterThanOrEqualTo(2);
    for (Path rules : ruleFiles) {
      ExternalTool.Result result =
          promtool.run(RepositoryFiles.prometheus(), "check", "rules", rules.toString());
      assertThat(result.succeeded()).as("%s", result).isTrue();
      assertThat(result.output()).contains("SUCCESS");
    }
  }

  @Test
  void everyRuleUnitTestPasses() throws Exception {
    ExternalTool promtool = ExternalTool.require("promtool", "prometheus");
    List<Path> tests = yamlFiles(RepositoryFiles.prometheus().resolve("tests"));
    assertThat(tests).extracting(p -> p.getFileName().toString()).contains("alerting-rules.yml");
    for (Path test : tests) {
      ExternalTool.Result result =
          promtool.run(test.getParent(), "test", "rules", test.getFileName().toString());
      assertThat(result.succeeded()).as("%s", result).isTrue();
    }
  }

  @Test
  void everyAlertingRuleHasAUnitTest() throws IOException {
    String tests =
        Files.readString(RepositoryFiles.prometheus().resolve("tests/alerting-rules.yml"));
    for (String alert : RuleFiles.load(RepositoryFiles.prometheus()).alertNames()) {
      assertThat(tests).as("a test of %s", alert).contains("alertname: " + alert);
    }
  }

  @Test
  void aRuleTestWithAWrongExpectationFails() throws Exception {
    ExternalTool promtool = ExternalTool.require("promtool", "prometheus");
    Path rules = scratch.resolve("rules");
    Files.createDirectories(rules);
    Files.copy(
        RepositoryFiles.prometheus().resolve("rules/isowatch-recording.yml"),
        rules.resolve("isowatch-recording.yml"));
    String test =
        Files.readString(RepositoryFiles.prometheus().resolve("tests/recording-rules.yml"))
            .replace("value: 0.25", "value: 0.26");
    Path tests = Files.createDirectories(scratch.resolve("tests"));
    Files.writeString(tests.resolve("wrong.yml"), test);

    ExternalTool.Result result = promtool.run(tests, "test", "rules", "wrong.yml");

    assertThat(result.succeeded()).as("%s", result).isFalse();
    assertThat(result.output()).contains("isowatch:dead_letter_ratio:rate5m");
  }

  @Test
  void aBrokenRuleIsRejected() throws Exception {
    ExternalTool promtool = ExternalTool.require("promtool", "prometheus");
    Path broken = scratch.resolve("broken.yml");
    String rules =
        Files.readString(RepositoryFiles.prometheus().resolve("rules/isowatch-alerts.yml"));
    String comparison = "group_left max by (job, instance) (isowatch_false_alarm_rate)";
    assertThat(rules).contains(comparison);
    Files.writeString(broken, rules.replace(comparison, "group_left"));

    ExternalTool.Result result = promtool.run(scratch, "check", "rules", broken.toString());

    assertThat(result.succeeded()).as("%s", result).isFalse();
  }

  @Test
  void thePrometheusConfigOfTheStackLoadsWithItsRules() throws Exception {
    ExternalTool promtool = ExternalTool.require("promtool", "prometheus");
    ExternalTool.Result result =
        promtool.run(RepositoryFiles.prometheus(), "check", "config", "prometheus.yml");
    assertThat(result.succeeded()).as("%s", result).isTrue();
    assertThat(result.output()).contains("SUCCESS: 2 rule files found");
  }

  @Test
  void thePrometheusConfigFailsWhenARuleFileIsMissing() throws Exception {
    ExternalTool promtool = ExternalTool.require("promtool", "prometheus");
    Path config = scratch.resolve("prometheus.yml");
    Files.copy(RepositoryFiles.prometheus().resolve("prometheus.yml"), config);

    ExternalTool.Result result = promtool.run(scratch, "check", "config", config.toString());

    assertThat(result.succeeded()).as("%s", result).isFalse();
  }

  @Test
  void theAlertmanagerConfigLoads() throws Exception {
    ExternalTool amtool = ExternalTool.require("amtool", "prometheus-alertmanager");
    ExternalTool.Result result =
        amtool.run(RepositoryFiles.dashboards(), "check-config", "alertmanager/alertmanager.yml");
    assertThat(result.succeeded()).as("%s", result).isTrue();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void anAlertmanagerRouteToAnUnknownReceiverIsRejected() throws Exception {
    ExternalTool amtool = ExternalTool.require("amtool", "prometheus-alertmanager");
    Path config = scratch.resolve("alertmanager.yml");
    Files.writeString(
        config,
        Files.readString(RepositoryFiles.dashboards().resolve("alertmanager/alertmanager.yml"))
            .replace("receiver: isowatch-log\n  group_by", "receiver: nobody\n  group_by"));

    ExternalTool.Result result = amtool.run(scratch, "check-config", config.toString());

    assertThat(result.succeeded()).as("%s", result).isFalse();
    assertThat(result.output()).contains("nobody");
  }

  private static List<Path> yamlFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
  }
}
