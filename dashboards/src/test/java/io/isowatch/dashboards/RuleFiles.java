package io.isowatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The rules of {@code dashboards/prometheus/rules}: recording rules by name, and alert names. */
record RuleFiles(List<Path> files, Map<String, String> recordings, List<String> alertNames) {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static RuleFiles load(Path prometheusFolder) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(prometheusFolder.resolve("rules"))) {
      files = listing.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
    Map<String, String> recordings = new LinkedHashMap<>();
    List<String> alerts = new ArrayList<>();
    for (Path file : files) {
      for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          if (rule.has("record")) {
            recordings.put(rule.get("record").asText(), rule.get("expr").asText());
          } else {
            alerts.add(rule.get("alert").asText());
          }
        }
      }
    }
    return new RuleFiles(files, recordings, alerts);
  }
}
