package io.isowatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.isowatch.testkit.KafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the images run, run on this host as the image would run it, since no Docker engine runs
 * here: the CPU image's ENTRYPOINT and CMD with its ENV, in its working directory, on the jar its
 * build stage makes; and compose's agent (the same image, compose's command) with the stack's
 * producer script against a real Kafka broker. The image's HEALTHCHECK command runs exactly as
 * written: it must fail before the agent listens, pass within the start period, and fail again once
 * the agent has stopped on SIGTERM within {@code docker stop}'s grace period.
 *
 * <p>Only what exists solely in a container is mapped (see {@link ContainerOnHost}): the user's
 * home to a temporary folder, the image's jar path to the jar the reactor built, the published port
 * to a free loopback port (tests and builds share this host), and compose's service address {@code
 * kafka:9092} to the in-process broker. Not run here: the CUDA image (no GPU; its file is checked
 * by {@link DockerfilesTest}) and the Flink image (Flink's own image entrypoint).
 */
class ImageCommandsTest {
  /** {@code docker stop} sends SIGTERM, then SIGKILL after 10 s. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private static final Pattern HOME = Pattern.compile("--home-dir\\s+(\\S+)");

  @TempDir Path folder;

  /** The host port the agent image's exposed port is published on (set by agentContainer). */
  private int hostPort;

  /** The in-process broker logs through the agent's SLF4J binding: its warnings are enough. */
  @BeforeAll
  static void quietKafka() {
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
  }

  @Test
  void theCpuImageRunsTheDemoAndIsHealthyOnlyWhileItServesTheAgentsMetrics() throws Exception {
    Dockerfile dockerfile = Dockerfile.read(RepositoryFiles.docker().resolve("Dockerfile"));
    Dockerfile.Stage image = dockerfile.runStage();
    ContainerOnHost container = agentContainer(dockerfile);
    List<String> command = new ArrayList<>(image.execForm("ENTRYPOINT"));
    command.addAll(image.execForm("CMD"));

    Path home = container.hostPath(home(image));
    AgentRun run = runAgent("cpu-image", container, image, command);
    // The ENV's point: ONNX Runtime unpacks its libraries in the user's home. (The default model
    // reads value tokens, so no tokenizer library is unpacked; with --model minilm-int8 DJL's
    // would go to the home's djl folder, which the same ENV names.)
    assertThat(run.homeAtHealthy())
        .as("files in the home while healthy")
        .anyMatch(p -> p.startsWith(home.resolve("tmp")) && p.toString().endsWith(".so"));
  }

  @Test
  void theComposeAgentRunsKafkaStreamsOnTheProducersFeedsAndIsHealthy() throws Exception {
    JsonNode services =
        RuleFiles.YAML
            .readTree(RepositoryFiles.docker().resolve("compose.yaml").toFile())
            .path("services");
    JsonNode agent = services.path("agent");
    Dockerfile dockerfile =
        Dockerfile.read(
            RepositoryFiles.docker()
                .resolve(agent.path("build").path("context").asText())
                .resolve(agent.path("build").path("dockerfile").asText()));
    Dockerfile.Stage image = dockerfile.runStage();
    List<String> command =
        new ArrayList<>(
            agent.has("entrypoint")
                ? strings(agent.path("entrypoint"))
                : image.execForm("ENTRYPOINT"));
    command.addAll(agent.has("command") ? strings(agent.path("command")) : image.execForm("CMD"));

    try (KafkaBroker kafka = KafkaBroker.start()) {
      String kafkaAddress = inNetworkListener(services.path("kafka"));
      ContainerOnHost producerContainer =
          producerContainer(services.path("producer"), kafkaAddress, kafka.bootstrapServers());
      try (ChildProcess producer =
          ChildProcess.start(
              "producer",
              producerContainer.process(
                  strings(services.path("producer").path("entrypoint")), folder, folder),
              folder)) {
        // Compose starts the agent once Kafka is healthy and restarts it (restart: on-failure)
        // while the producer has not yet made the input topic; here it starts after the topic.
        awaitTopic(kafka, "observations", producer);
        ContainerOnHost container =
            agentContainer(dockerfile)
                .address(kafkaAddress, kafka.bootstrapServers())
                .environment(environment(agent.path("environment")));
        runAgent(
            "compose-agent",
            container,
            image,
            command,
            port ->
                assertThat(counted(port)).containsAll(Set.of("energy-load", "cpu-usage", "price")));
        producer.requireAlive();
      }
    }
  }

  /** What the run saw while the agent was healthy. */
  private record AgentRun(List<Path> homeAtHealthy) {}

  /** A check on the running agent, given its metrics port, retried until it holds. */
  private interface WhileHealthy {
    void check(int port) throws Exception;
  }

  private AgentRun runAgent(
      String name, ContainerOnHost container, Dockerfile.Stage image, List<String> command)
      throws Exception {
    return runAgent(name, container, image, command, port -> {});
  }

  private AgentRun runAgent(
      String name,
      ContainerOnHost container,
      Dockerfile.Stage image,
      List<String> command,
      WhileHealthy check)
      throws Exception {
    Dockerfile.HealthCheck health =
        image.healthCheck().orElseThrow(() -> new AssertionError("no HEALTHCHECK in the image"));
    Path workdir = container.hostPath(image.last("WORKDIR").orElse("/"));
    Path home = container.hostPath(home(image));
    int port = hostPort;
    Path log = folder.resolve(name + "-health.log");
    assertThat(container.healthy(health, workdir, home, log))
        .as("health check before the agent starts")
        .isFalse();
    List<Path> files;
    try (ChildProcess agent =
        ChildProcess.start(name, container.process(command, workdir, home), folder)) {
      Instant deadline = Instant.now().plusSeconds(health.seconds("start-period"));
      boolean healthy = false;
      while (!healthy && Instant.now().isBefore(deadline)) {
        agent.requireAlive();
        healthy = container.healthy(health, workdir, home, log);
        if (!healthy) {
          Thread.sleep(500);
        }
      }
      assertThat(healthy)
          .as("healthy within the start period; agent log:%n%s", agent.logTail())
          .isTrue();
      try (Stream<Path> walk = Files.walk(home)) {
        files = walk.toList();
      }
      awaitCheck(check, port, agent, deadline);
      assertThat(agent.stopWithin(STOP_GRACE))
          .as("the agent stops on SIGTERM within %s; log:%n%s", STOP_GRACE, agent.logTail())
          .isTrue();
    }
    assertThat(container.healthy(health, workdir, home, log))
        .as("health check after the agent stopped")
        .isFalse();
    return new AgentRun(files);
  }

  private static void awaitCheck(WhileHealthy check, int port, ChildProcess agent, Instant deadline)
      throws Exception {
    AssertionError last = null;
    while (Instant.now().isBefore(deadline)) {
      agent.requireAlive();
      try {
        check.check(port);
        return;
      } catch (AssertionError e) {
        last = e;
        Thread.sleep(500);
      }
    }
    fail("not true within the start period: " + last + "\nagent log:\n" + agent.logTail());
  }

  /**
   * The agent image on this host: its home and jar mapped, the folders it prepares made, its one
   * exposed port (the one its command and health check must use) published on a free port.
   */
  private ContainerOnHost agentContainer(Dockerfile dockerfile) throws IOException {
    Dockerfile.Stage image = dockerfile.runStage();
    List<Integer> exposed = image.exposedPorts();
    assertThat(exposed).as("ports the agent image exposes").hasSize(1);
    hostPort = LoopbackPorts.free();
    Path home = Files.createDirectories(folder.resolve("home"));
    Copy jar = copiedJar(dockerfile);
    ContainerOnHost container =
        new ContainerOnHost()
            .path(home(image), home)
            .path(jar.destination(), jar.host())
            .port(exposed.get(0), hostPort);
    container.environment(image.environment());
    container.makeFolders(image);
    return container;
  }

  /** The jar the image runs: copied from the build stage, which copied it from the reactor. */
  private record Copy(String destination, Path host) {}

  private static Copy copiedJar(Dockerfile dockerfile) {
    List<String> copies =
        dockerfile.runStage().arguments("COPY").stream()
            .filter(c -> c.startsWith("--from=build "))
            .toList();
    assertThat(copies).as("COPY --from=build in the run stage").hasSize(1);
    String[] parts = copies.get(0).split("\\s+");
    String source = parts[parts.length - 2];
    String destination = parts[parts.length - 1];
    Matcher cp =
        Pattern.compile("cp\\s+(\\S+)\\s+" + Pattern.quote(source) + "(?:\\s|$)")
            .matcher(String.join("\n", dockerfile.stage("build").arguments("RUN")));
    assertThat(cp.find()).as("the build stage's cp of %s", source).isTrue();
    Path jar = RepositoryFiles.root().resolve(cp.group(1));
    if (!Files.isRegularFile(jar)) {
      String missing = jar + " is not built: run ./mvnw verify (it packages agent/cli first)";
      if (System.getenv(ExternalTool.REQUIRE_ENV) != null) {
        fail(missing);
      }
      Assumptions.abort(missing);
    }
    return new Copy(destination, jar);
  }

  private static String home(Dockerfile.Stage image) {
    Matcher home = HOME.matcher(String.join("\n", image.arguments("RUN")));
    assertThat(home.find()).as("useradd --home-dir in the run stage").isTrue();
    return home.group(1);
  }

  /**
   * The producer service on this host: its script mounted where compose mounts it, and the apache
   * image's Kafka tools (at /opt/kafka/bin, the script's KAFKA_BIN default, so KAFKA_BIN is set
   * here) as scripts that run the same tool classes as the image's kafka-run-class.sh, from the
   * test's classpath. Its working directory and home are the test's folder.
   */
  private ContainerOnHost producerContainer(
      JsonNode producer, String kafkaAddress, String bootstrap) throws IOException {
    ContainerOnHost container = new ContainerOnHost().address(kafkaAddress, bootstrap);
    for (String volume : strings(producer.path("volumes"))) {
      String[] parts = volume.split(":");
      container.path(parts[1], RepositoryFiles.docker().resolve(parts[0]).normalize());
    }
    Path bin = Files.createDirectories(folder.resolve("kafka-bin"));
    tool(bin.resolve("kafka-topics.sh"), "org.apache.kafka.tools.TopicCommand");
    tool(bin.resolve("kafka-console-producer.sh"), "org.apache.kafka.tools.ConsoleProducer");
    Map<String, String> environment = environment(producer.path("environment"));
    environment.put("KAFKA_BIN", bin.toString());
    return container.environment(environment);
  }

  private static void tool(Path script, String mainClass) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Files.writeString(
        script,
        String.join(
            "\n",
            "#!/bin/sh",
            "exec '"
                + java
                + "' -Xmx256m -cp '"
                + System.getProperty("java.class.path")
                + "' "
                + mainClass
                + " \"$@\"",
            ""));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** {@code host:port} of the Kafka service's PLAINTEXT listener, the one other services use. */
  private static String inNetworkListener(JsonNode kafka) {
    String listeners = kafka.path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText();
    Matcher plaintext = Pattern.compile("(?:^|,)PLAINTEXT://([^,]+)").matcher(listeners);
    assertThat(plaintext.find()).as("PLAINTEXT in %s", listeners).isTrue();
    return plaintext.group(1);
  }

  private static void awaitTopic(KafkaBroker kafka, String topic, ChildProcess producer)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!kafka.topics().contains(topic) && Instant.now().isBefore(deadline)) {
      producer.requireAlive();
      Thread.sleep(200);
    }
    assertThat(kafka.topics()).as("topics; producer log:%n%s", producer.logTail()).contains(topic);
  }

  /** Feeds with observations counted on the agent's metrics endpoint. */
  private static Set<String> counted(int port) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    Set<String> feeds = new TreeSet<>();
    Matcher line =
        Pattern.compile("(?m)^isowatch_observations_total\\{[^}]*feed=\"([^\"]+)\"[^}]*\\} (\\S+)$")
            .matcher(response.body());
    while (line.find()) {
      if (Double.parseDouble(line.group(2)) > 0) {
        feeds.add(line.group(1));
      }
    }
    return feeds;
  }

  private static Map<String, String> environment(JsonNode environment) {
    Map<String, String> variables = new LinkedHashMap<>();
    environment.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
    return variables;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
