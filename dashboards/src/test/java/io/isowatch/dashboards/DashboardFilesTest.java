package io.isowatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isowatch.core.monitor.MonitorSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What Grafana needs of the dashboard files, checked without a Grafana (none installs here): the
 * pinned datasource uid everywhere, a layout on the 24-column grid, the drill-down's variable, a
 * panel for every signal, and links and recording rules that exist. Whether the queries return data
 * is {@link PanelQueriesTest}'s job.
 */
class DashboardFilesTest {
  private static final Pattern RECORDING_NAME = Pattern.compile("isowatch:[a-z0-9_:]+");

  @Test
  void everyPanelAndQueryNamesTheProvisionedDatasourceByItsUid() throws IOException {
    String uid = provisionedDatasourceUid();
    assertThat(uid).isEqualTo("isowatch-prometheus");
    for (Path file : DashboardFiles.files()) {
      String text = java.nio.file.Files.readString(file);
      assertThat(text).as(file.toString()).doesNotContain("${DS_");
      for (JsonNode panel : DashboardFiles.panels(DashboardFiles.read(file))) {
        assertThat(panel.path("datasource").path("uid").asText())
            .as("%s: %s", file.getFileName(), panel.path("title").asText())
            .isEqualTo(uid);
        assertThat(panel.path("targets")).as("queries of %s", panel.path("title")).isNotEmpty();
        for (JsonNode target : panel.path("targets")) {
          assertThat(target.path("datasource").path("uid").asText()).isEqualTo(uid);
          assertThat(target.path("expr").asText()).isNotBlank();
        }
      }
    }
  }

  @Test
  void panelsHaveUniqueIdsAndFitTheGrid() throws IOException {
    for (Path file : DashboardFiles.files()) {
      JsonNode dashboard = DashboardFiles.read(file);
      assertThat(dashboard.path("uid").asText()).isNotBlank();
      Set<Integer> ids = new HashSet<>();
      Set<String> cells = new HashSet<>();
      for (JsonNode panel : dashboard.path("panels")) {
        assertThat(ids.add(panel.path("id").asInt()))
            .as("%s: id %s twice", file.getFileName(), panel.path("id"))
            .isTrue();
        JsonNode grid = panel.path("gridPos");
        int x = grid.path("x").asInt(-1);
        int y = grid.path("y").asInt(-1);
        int w = grid.path("w").asInt(0);
        int h = grid.path("h").asInt(0);
        assertThat(x).isBetween(0, 23);
        assertThat(w).isPositive();
        assertThat(h).isPositive();
        assertThat(x + w)
            .as("%s: %s", file.getFileName(), panel.path("title"))
            .isLessThanOrEqualTo(24);
        for (int row = y; row < y + h; row++) {
          for (int column = x; column < x + w; column++) {
            assertThat(cells.add(row + "," + column))
                .as("%s: %s overlaps another panel", file.getFileName(), panel.path("title"))
                .isTrue();
          }
        }
      }
    }
  }

  @Test
  void theFeedDrillDownChoosesItsFeedFromTheAgentsMetrics() throws IOException {
    JsonNode feed = dashboard("isowatch-feed");
    JsonNode variable = feed.path("templating").path("list").get(0);
    assertThat(variable.path("name").asText()).isEqualTo("feed");
    assertThat(variable.path("type").asText()).isEqualTo("query");
    assertThat(variable.path("datasource").path("uid").asText())
        .isEqualTo(provisionedDatasourceUid());
    assertThat(variable.path("query").path("query").asText())
        .isEqualTo("label_values(isowatch_observations_total, feed)");
    long withFeed =
        DashboardFiles.queries().stream()
            .filter(q -> q.dashboard().equals("isowatch-feed"))
            .filter(q -> q.expr().contains("\"$feed\""))
            .count();
    assertThat(withFeed).isGreaterThan(20);
  }

  @Test
  void theDrillDownHasAPanelForEverySignalOfTheMonitor() throws IOException {
    List<String> expressions = new ArrayList<>();
    DashboardFiles.queries().stream()
        .filter(q -> q.dashboard().equals("isowatch-feed"))
        .forEach(q -> expressions.add(q.expr()));
    for (MonitorSignal signal : MonitorSignal.values()) {
      assertThat(expressions)
          .as("a drill-down panel of %s", signal.label())
          .contains("isowatch_" + signal.label() + "{feed=\"$feed\"}");
    }
  }

  @Test
  void theOverviewShowsWhatOperatorsLookAt() throws IOException {
    String overview =
        String.join(
            "\n",
            DashboardFiles.queries().stream()
                .filter(q -> q.dashboard().equals("isowatch-overview"))
                .map(DashboardFiles.PanelQuery::expr)
                .toList());
    assertThat(overview)
        .contains(
            "isowatch_trust_score",
            "isowatch_window_isoscore",
            "isowatch_shift_common",
            "isowatch_realized_error",
            "isowatch_alerts_firing",
            "isowatch_alerts_total",
            "isowatch:observations:rate1m",
            "isowatch_embedding_latency_seconds_bucket",
            "isowatch_embedding_batch_size",
            "isowatch_records_rejected_total");
  }

  @Test
  void trustPanelsReadTheAgentsFalseAlarmRateInsteadOfANumber() throws IOException {
    for (Path file : DashboardFiles.files()) {
      assertThat(Files.readString(file))
          .as("%s hard-codes the default alpha", file)
          .doesNotContain("0.02");
      for (JsonNode panel : DashboardFiles.panels(DashboardFiles.read(file))) {
        String queries = panel.path("targets").toString();
        if (queries.contains("isowatch_trust_score")) {
          assertThat(queries)
              .as("%s / %s", file.getFileName(), panel.path("title").asText())
              .contains("isowatch_false_alarm_rate");
        }
      }
    }
  }

  @Test
  void linksPointAtDashboardsThatExist() throws IOException {
    Set<String> uids = new HashSet<>();
    for (Path file : DashboardFiles.files()) {
      uids.add(DashboardFiles.read(file).path("uid").asText());
    }
    Pattern dashboardUrl = Pattern.compile("/d/([a-z0-9-]+)/");
    int links = 0;
    for (Path file : DashboardFiles.files()) {
      Matcher m = dashboardUrl.matcher(java.nio.file.Files.readString(file));
      while (m.find()) {
        assertThat(uids).as("link in %s", file.getFileName()).contains(m.group(1));
        links++;
      }
    }
    assertThat(links).isGreaterThanOrEqualTo(3);
  }

  @Test
  void everyRecordingRuleAQueryUsesExists() throws IOException {
    Set<String> recorded = RuleFiles.load(RepositoryFiles.prometheus()).recordings().keySet();
    for (DashboardFiles.PanelQuery query : DashboardFiles.queries()) {
      Matcher m = RECORDING_NAME.matcher(query.expr());
      while (m.find()) {
        assertThat(recorded).as("%s", query).contains(m.group());
      }
    }
  }

  private static JsonNode dashboard(String uid) throws IOException {
    for (Path file : DashboardFiles.files()) {
      JsonNode dashboard = DashboardFiles.read(file);
      if (dashboard.path("uid").asText().equals(uid)) {
        return dashboard;
      }
    }
    throw new AssertionError("no dashboard with uid " + uid);
  }

  static String provisionedDatasourceUid() throws IOException {
    JsonNode provisioning =
        RuleFiles.YAML.readTree(
            RepositoryFiles.grafana().resolve("provisioning/datasources/isowatch.yml").toFile());
    return provisioning.path("datasources").get(0).path("uid").asText();
  }
}
