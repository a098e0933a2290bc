package io.isowatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every panel query of every dashboard, run as Grafana would run it against a real Prometheus
 * (Debian's) that scrapes a running agent (the isowatch command in a child JVM, on synthetic feeds
 * and a file with bad records, tuned so that alerts fire within seconds) and evaluates the isowatch
 * rules. A query passes when it returns at least one series.
 *
 * <p>A query on a metric family the agent does not register fails without being run. A failure
 * lists every query without data, with the agent's log.
 */
class PanelQueriesTest {
  /** What Grafana's $__rate_interval is at a 1 s scrape interval: at least 4 scrapes. */
  private static final String RATE_INTERVAL = "15s";

  private static final Duration SCRAPE = Duration.ofSeconds(1);

  /** The agent's false-alarm rate, well away from the default, which nothing may hard-code. */
  private static final String ALPHA = "0.3";

  private static final Duration PATIENCE = Duration.ofSeconds(150);

  /** Data the slowest panels need before they can show anything (rates, fired alerts). */
  private static final List<String> READY_WHEN =
      List.of(
          "sum(isowatch_alerts_total) > 0",
          "sum(isowatch_records_rejected_total) > 0",
          "count(isowatch_window_isoscore) > 0",
          "count(isowatch_trust_score) > 0",
          "count(isowatch_signal_contribution) > 0",
          "count(isowatch_realized_error) > 0",
          "count(isowatch_shift_common) > 0",
          "sum(isowatch_alerts_firing) >= 0",
          "count(isowatch:observations:rate1m) > 0");

  @TempDir Path folder;

  @Test
  void everyPanelQueryReturnsDataFromARunningAgent() throws Exception {
    ExternalTool prometheusBinary = ExternalTool.require("prometheus", "prometheus");
    RuleFiles rules = RuleFiles.load(RepositoryFiles.prometheus());
    Set<String> registered = AgentMetricNames.registered();
    int agentPort = LoopbackPorts.free();
    int prometheusPort = LoopbackPorts.free();
    writeAgentConfig(agentPort);
    writePrometheusConfig(agentPort, rules);

    try (ChildProcess agent = ChildProcess.start("agent", agentCommand(), folder);
        ChildProcess prometheus =
            ChildProcess.start(
                "prometheus", prometheusCommand(prometheusBinary, prometheusPort), folder)) {
      PrometheusApi api = new PrometheusApi(prometheusPort);
      Instant start = Instant.now();
      waitForData(api, agent, prometheus);
      Instant end = Instant.now();

      List<String> noData = new ArrayList<>();
      int judged = 0;
      String feed = feedToDrillInto(api);
      for (DashboardFiles.PanelQuery query : DashboardFiles.queries()) {
        judged++;
        Set<String> unknown =
            new TreeSet<>(AgentMetricNames.read(query.expr(), rules.recordings()));
        unknown.removeAll(registered);
        if (!unknown.isEmpty()) {
          noData.add(query + "  (the agent registers no " + String.join(", ", unknown) + ")");
          continue;
        }
        String expr = withVariables(query.expr(), feed);
        try {
          JsonNode data =
              query.instant()
                  ? api.query(expr)
                  : api.queryRange(expr, start, end, Duration.ofSeconds(2));
          if (data.path("result").isEmpty()) {
            noData.add(query.toString());
          }
        } catch (IOException e) {
          noData.add(query + "  -> " + e.getMessage());
        }
      }
      System.out.printf(
          "PanelQueriesTest: %d of %d panel queries returned data%n",
          judged - noData.size(), judged);

      assertThat(judged).as("judged queries").isGreaterThanOrEqualTo(25);
      assertThat(noData)
          .as(
              "panel queries that returned no data (feed %s); agent log:%n%s",
              feed, agent.logTail())
          .isEmpty();
      assertRulesEvaluateWithoutError(api);
      assertTheTrustRuleComparesWithTheExportedAlpha(api);
    }
  }

  /**
   * The agent's α reaches Prometheus, and the trust rule's expression, evaluated there, keeps
   * exactly the feeds whose trust score is at or below it.
   */
  private static void assertTheTrustRuleComparesWithTheExportedAlpha(PrometheusApi api)
      throws Exception {
    JsonNode alpha = api.query("isowatch_false_alarm_rate").path("result");
    assertThat(alpha).as("isowatch_false_alarm_rate scraped from the agent").hasSize(1);
    assertThat(alpha.get(0).path("value").get(1).asText()).isEqualTo(ALPHA);
    String expr = null;
    for (JsonNode group : api.rules().path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.path("name").asText().equals("IsowatchForecastUnreliable")) {
          expr = rule.path("query").asText();
        }
      }
    }
    assertThat(expr).as("the rule IsowatchForecastUnreliable").isNotNull();
    assertThat(api.query("isowatch_trust_score").path("result")).as("trust scores").isNotEmpty();
    // One query, so that both sides see the same scrape: feeds the rule keeps minus feeds at or
    // under the configured alpha.
    String difference =
        "(count("
            + expr
            + ") or vector(0)) - (count(isowatch_trust_score <= "
            + ALPHA
            + ") or vector(0))";
    JsonNode result = api.query(difference).path("result");
    assertThat(result.get(0).path("value").get(1).asText())
        .as("%s, the rule against the configured alpha", difference)
        .isEqualTo("0");
  }

  private void waitForData(PrometheusApi api, ChildProcess agent, ChildProcess prometheus)
      throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    List<String> pending = new ArrayList<>(READY_WHEN);
    while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
      agent.requireAlive();
      prometheus.requireAlive();
      if (api.ready()) {
        List<String> still = new ArrayList<>();
        for (String condition : pending) {
          if (api.query(condition).path("result").isEmpty()) {
            still.add(condition);
          }
        }
        pending = still;
      }
      Thread.sleep(500);
    }
    assertThat(pending)
        .as(
            "conditions still without data after %s; agent log:%n%s%nPrometheus log:%n%s",
            PATIENCE, agent.logTail(), prometheus.logTail())
        .isEmpty();
    // Rates over $__rate_interval need several scrapes after the first alert and rejection.
    Thread.sleep(Duration.ofSeconds(6).toMillis());
  }

  /** The feed the drill-down shows first: the variable's query, as Grafana runs it. */
  private static String feedToDrillInto(PrometheusApi api) throws Exception {
    JsonNode values = api.labelValues("feed", "isowatch_observations_total");
    assertThat(values).as("values of the drill-down's feed variable").isNotEmpty();
    for (JsonNode value : values) {
      if (value.asText().startsWith("synthetic")) {
        return value.asText();
      }
    }
    return values.get(0).asText();
  }

  private static String withVariables(String expr, String feed) {
    String replaced = expr.replace("$__rate_interval", RATE_INTERVAL).replace("$feed", feed);
    assertThat(replaced).as("variables left in %s", expr).doesNotContain("$");
    return replaced;
  }

  private static void assertRulesEvaluateWithoutError(PrometheusApi api) throws Exception {
    List<String> failing = new ArrayList<>();
    int count = 0;
    for (JsonNode group : api.rules().path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        count++;
        if ("err".equals(rule.path("health").asText())) {
          failing.add(rule.path("name").asText() + ": " + rule.path("lastError").asText());
        }
      }
    }
    assertThat(count).as("rules loaded").isEqualTo(countRules());
    assertThat(failing).as("rules whose evaluation failed").isEmpty();
  }

  private static int countRules() throws IOException {
    RuleFiles rules = RuleFiles.load(RepositoryFiles.prometheus());
    return rules.recordings().size() + rules.alertNames().size();
  }

  /**
   * Two endless synthetic feeds at 40 values a second, short windows and a small cloud so that
   * signals come within a second, a small head and a trust policy with short histories and a high
   * false-alarm rate so that trust scores come and alerts fire within seconds, and a JSON Lines
   * file with bad records for the rejection panels.
   */
  private void writeAgentConfig(int port) throws IOException {
    Files.writeString(
        folder.resolve("records.jsonl"),
        String.join(
            "\n",
            "{\"feed\": \"file-feed\", \"time\": \"2024-01-01T00:00:00Z\", \"value\": 1.5}",
            "{\"feed\": \"file-feed\", \"time\": \"2024-01-01T00:01:00Z\", \"value\": ",
            "{\"feed\": \"file-feed\", \"time\": \"2024-01-01T00:02:00Z\"}",
            "not json at all",
            "{\"feed\": \"file-feed\", \"time\": \"2024-01-01T00:03:00Z\", \"value\": 2.5}",
            ""));
    Files.writeString(
        folder.resolve("agent.yaml"),
        String.join(
            "\n",
            "sources:",
            "  - type: synthetic",
            "    feeds: 2",
            "    length: 100000000",
            "    rate: 40",
            "    seed: 7",
            "  - type: jsonl",
            "    path: records.jsonl",
            "window: {length: 32, stride: 4}",
            "monitor: {window-cloud-capacity: 8, evaluate-every: 2, horizon: 1}",
            "head: {bins: 4, warm-up: 8}",
            "trust: {false-alarm-rate: "
                + ALPHA
                + ", calibration: 3, history: 16, delay: 0, baseline: 12,"
                + " pairs: 8, min-pairs: 4, error-lag: 2, confirm: 1, clear-after: 1,"
                + " cooldown: 0}",
            "pipeline: {max-wait: 20ms}",
            "metrics: {port: " + port + "}",
            "sinks: {console: false, dead-letters: dead-letters.jsonl}",
            ""));
  }

  private List<String> agentCommand() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return List.of(
        java.toString(),
        "-Xmx512m",
        "-cp",
        System.getProperty("java.class.path"),
        "io.isowatch.cli.IsowatchCommand",
        "run",
        "--config",
        folder.resolve("agent.yaml").toString());
  }

  /** The stack's rule files as they are, with a 1 s scrape of the agent on loopback. */
  private void writePrometheusConfig(int agentPort, RuleFiles rules) throws IOException {
    StringBuilder config = new StringBuilder();
    config.append("global:\n");
    config.append("  scrape_interval: ").append(SCRAPE.toSeconds()).append("s\n");
    config.append("  evaluation_interval: ").append(SCRAPE.toSeconds()).append("s\n");
    config.append("rule_files:\n");
    for (Path file : rules.files()) {
      config.append("  - ").append(file.toAbsolutePath()).append('\n');
    }
    config.append("scrape_configs:\n");
    config.append("  - job_name: isowatch\n");
    config.append("    static_configs:\n");
    config.append("      - targets: ['127.0.0.1:").append(agentPort).append("']\n");
    Files.writeString(folder.resolve("prometheus.yml"), config.toString());
  }

  private List<String> prometheusCommand(ExternalTool prometheus, int port) {
    return List.of(
        prometheus.path().toString(),
        "--config.file=" + folder.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + folder.resolve("tsdb"),
        "--web.listen-address=127.0.0.1:" + port,
        "--log.level=warn");
  }
}
