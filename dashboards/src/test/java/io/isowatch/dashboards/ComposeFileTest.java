package io.isowatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compose stack read as data (no Docker engine here): the services the issue names, files it
 * mounts and builds from that exist in the repository, and configs that agree with each other
 * (Prometheus scrapes services that exist on the ports they serve, Grafana finds its dashboards
 * where the provisioning file says, images match the versions the build uses).
 */
class ComposeFileTest {
  private static JsonNode compose;
  private static JsonNode services;

  @BeforeAll
  static void read() throws IOException {
    compose = RuleFiles.YAML.readTree(RepositoryFiles.docker().resolve("compose.yaml").toFile());
    services = compose.path("services");
  }

  @Test
  void theStackHasEveryServiceOfTheIssue() {
    List<String> names = new ArrayList<>();
    services.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .contains(
            "kafka",
            "producer",
            "agent",
            "flink-jobmanager",
            "flink-taskmanager",
            "prometheus",
            "alertmanager",
            "grafana");
  }

  @Test
  void everyMountedFileAndBuildFileExists() {
    Path docker = RepositoryFiles.docker();
    int mounts = 0;
    for (JsonNode service : services) {
      for (JsonNode volume : service.path("volumes")) {
        String source = volume.asText().split(":")[0];
        assertThat(source).as("bind mounts are relative paths").startsWith(".");
        assertThat(docker.resolve(source).normalize()).as(volume.asText()).exists();
        mounts++;
      }
      JsonNode build = service.path("build");
      if (!build.isMissingNode()) {
        Path context = docker.resolve(build.path("context").asText()).normalize();
        assertThat(context).isEqualTo(RepositoryFiles.root());
        assertThat(context.resolve(build.path("dockerfile").asText())).exists();
      }
    }
    assertThat(mounts).isGreaterThanOrEqualTo(5);
  }

  @Test
  void dependenciesNameServicesOfTheStack() {
    Set<String> names = new HashSet<>();
    services.fieldNames().forEachRemaining(names::add);
    for (JsonNode service : services) {
      JsonNode dependsOn = service.path("depends_on");
      List<String> needed = new ArrayList<>();
      if (dependsOn.isArray()) {
        dependsOn.forEach(d -> needed.add(d.asText()));
      } else {
        dependsOn.fieldNames().forEachRemaining(needed::add);
      }
      assertThat(names).containsAll(needed);
    }
  }

  @Test
  void publishedHostPortsAreDistinct() {
    Set<String> hostPorts = new HashSet<>();
    for (JsonNode service : services) {
      for (JsonNode port : service.path("ports")) {
        String host = port.asText().split(":")[0];
        assertThat(hostPorts.add(host)).as("host port %s published twice", host).isTrue();
      }
    }
  }

  @Test
  void prometheusScrapesServicesOfTheStackOnThePortsTheyServe() throws IOException {
    JsonNode prometheus =
        RuleFiles.YAML.readTree(RepositoryFiles.prometheus().resolve("prometheus.yml").toFile());
    Set<String> names = new HashSet<>();
    services.fieldNames().forEachRemaining(names::add);
    List<String> targets = new ArrayList<>();
    for (JsonNode job : prometheus.path("scrape_configs")) {
      for (JsonNode config : job.path("static_configs")) {
        config.path("targets").forEach(t -> targets.add(t.asText()));
      }
    }
    prometheus
        .path("alerting")
        .path("alertmanagers")
        .forEach(
            a ->
                a.path("static_configs")
                    .get(0)
                    .path("targets")
                    .forEach(t -> targets.add(t.asText())));
    assertThat(targets).contains("agent:9464", "alertmanager:9093");
    for (String target : targets) {
      String host = target.split(":")[0];
      assertThat(host.equals("localhost") || names.contains(host))
          .as("scrape target %s is a service of the stack", target)
          .isTrue();
    }
    assertThat(String.join(" ", strings(services.path("agent").path("command"))))
        .contains("--metrics-port 9464");
  }

  @Test
  void grafanaFindsItsProvisioningAndDashboardsWhereTheFilesSayTheyAre() throws IOException {
    List<String> volumes = strings(services.path("grafana").path("volumes"));
    JsonNode provider =
        RuleFiles.YAML
            .readTree(
                RepositoryFiles.grafana().resolve("provisioning/dashboards/isowatch.yml").toFile())
            .path("providers")
            .get(0);
    String dashboardsInContainer = provider.path("options").path("path").asText();
    assertThat(volumes)
        .contains("../dashboards/grafana/dashboards:" + dashboardsInContainer + ":ro")
        .contains("../dashboards/grafana/provisioning:/etc/grafana/provisioning:ro");
    String home =
        services
            .path("grafana")
            .path("environment")
            .path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")
            .asText();
    assertThat(home).startsWith(dashboardsInContainer + "/");
    assertThat(RepositoryFiles.grafana().resolve("dashboards").resolve(Path.of(home).getFileName()))
        .exists();
    JsonNode datasource =
        RuleFiles.YAML
            .readTree(
                RepositoryFiles.grafana().resolve("provisioning/datasources/isowatch.yml").toFile())
            .path("datasources")
            .get(0);
    assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
    assertThat(strings(services.path("prometheus").path("ports"))).contains("9090:9090");
  }

  @Test
  void prometheusAndAlertmanagerLoadTheFilesTheTestsCheck() {
    assertThat(strings(services.path("prometheus").path("volumes")))
        .contains("../dashboards/prometheus:/etc/prometheus:ro");
    assertThat(strings(services.path("prometheus").path("command")))
        .contains("--config.file=/etc/prometheus/prometheus.yml");
    assertThat(strings(services.path("alertmanager").path("volumes")))
        .contains(
            "../dashboards/alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro");
  }

  @Test
  void imagesUseTheVersionsTheBuildUses() throws IOException {
    String pom = Files.readString(RepositoryFiles.root().resolve("pom.xml"));
    assertThat(services.path("kafka").path("image").asText())
        .isEqualTo("apache/kafka:" + property(pom, "kafka.version"));
    assertThat(Files.readString(RepositoryFiles.docker().resolve("Dockerfile.flink")))
        .contains("ARG FLINK_IMAGE=flink:" + property(pom, "flink.version") + "-java17");
  }

  @Test
  void theAgentRunsTheKafkaStreamsEngineOnTheProducersTopic() {
    String command = String.join(" ", strings(services.path("agent").path("command")));
    assertThat(command)
        .contains("run --engine kafka-streams --bootstrap kafka:9092 --input observations");
    assertThat(services.path("producer").path("environment").path("TOPIC").asText())
        .isEqualTo("observations");
  }

  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    assertThat(m.find()).as("property %s in the root pom", name).isTrue();
    return m.group(1);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
