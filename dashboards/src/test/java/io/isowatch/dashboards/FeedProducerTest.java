package io.isowatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.core.feed.Observation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack's feed producer (docker/producer/produce.sh) run for real with stand-ins for Kafka's
 * two command-line tools: it must create the topics, and every record it writes must decode with
 * the agent's own codec, under the key of its feed, in increasing event time, with the occasional
 * bad record rejected as the agent would reject it.
 */
class FeedProducerTest {
  private static final int LINES = 1600;

  @TempDir Path folder;

  @Test
  void writesRecordsTheAgentReadsAndAFewItRejects() throws Exception {
    ExternalTool bash = ExternalTool.require("bash", "bash");
    Path bin = Files.createDirectories(folder.resolve("bin"));
    Path topics = folder.resolve("topics.txt");
    Path produced = folder.resolve("produced.txt");
    script(bin.resolve("kafka-topics.sh"), "echo \"$*\" >> '" + topics + "'");
    script(bin.resolve("kafka-console-producer.sh"), "head -n " + LINES + " > '" + produced + "'");

    ExternalTool.Result run =
        bash.runWithEnvironment(
            folder,
            Map.of("KAFKA_BIN", bin.toString(), "RATE", "2000", "BOOTSTRAP", "broker:1"),
            RepositoryFiles.docker().resolve("producer/produce.sh").toString());

    assertThat(Files.readAllLines(topics))
        .allMatch(line -> line.contains("--bootstrap-server broker:1 --create --if-not-exists"))
        .anyMatch(line -> line.contains("--topic observations "))
        .hasSize(3);
    List<String> lines = Files.readAllLines(produced, StandardCharsets.UTF_8);
    assertThat(lines).as("%s", run).hasSize(LINES);
    ObservationJson codec = ObservationJson.defaults();
    Map<String, Instant> newest = new HashMap<>();
    int valid = 0;
    int invalid = 0;
    for (String line : lines) {
      int bar = line.indexOf('|');
      String key = line.substring(0, bar);
      ObservationJson.Decoded decoded = codec.decode(line.substring(bar + 1), Optional.of(key));
      if (decoded instanceof ObservationJson.Decoded.Valid v) {
        Observation observation = v.observation();
        assertThat(observation.feedId()).isEqualTo(key);
        assertThat(observation.value()).isFinite();
        Instant previous = newest.put(key, observation.eventTime());
        if (previous != null) {
          assertThat(observation.eventTime()).as(line).isAfter(previous);
        }
        valid++;
      } else {
        invalid++;
      }
    }
    assertThat(newest.keySet()).containsExactlyInAnyOrder("energy-load", "cpu-usage", "price");
    assertThat(invalid).as("one bad record in 500 iterations of 3 feeds").isEqualTo(1);
    assertThat(valid).isEqualTo(LINES - invalid);
    assertThat(newest.get("price")).isAfter(Instant.now().minusSeconds(60));
  }

  private static void script(Path path, String body) throws IOException {
    Files.writeString(path, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
