package io.isowatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Grafana dashboards of {@code dashboards/grafana/dashboards}, and the queries of panels. */
final class DashboardFiles {
  static final ObjectMapper JSON = new ObjectMapper();

  private DashboardFiles() {}

  /** One query of one panel, as Grafana would send it (before its variables are replaced). */
  record PanelQuery(String dashboard, String panel, String refId, String expr, boolean instant) {
    @Override
    public String toString() {
      return dashboard + " / " + panel + " / " + refId + ": " + expr;
    }
  }

  static List<Path> files() throws IOException {
    try (Stream<Path> listing = Files.list(RepositoryFiles.grafana().resolve("dashboards"))) {
      return listing.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  static JsonNode read(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  /** The panels that show data (rows left out, panels nested in collapsed rows included). */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      if ("row".equals(panel.path("type").asText())) {
        panel.path("panels").forEach(panels::add);
      } else {
        panels.add(panel);
      }
    }
    return panels;
  }

  static List<PanelQuery> queries() throws IOException {
    List<PanelQuery> queries = new ArrayList<>();
    for (Path file : files()) {
      JsonNode dashboard = read(file);
      for (JsonNode panel : panels(dashboard)) {
        for (JsonNode target : panel.path("targets")) {
          queries.add(
              new PanelQuery(
                  dashboard.path("uid").asText(),
                  panel.path("title").asText(),
                  target.path("refId").asText(),
                  target.path("expr").asText(),
                  target.path("instant").asBoolean(false)));
        }
      }
    }
    return queries;
  }
}
