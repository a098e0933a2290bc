package io.isowatch.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.sink.RejectionJson;
import io.isowatch.core.feed.Rejection;
import io.isowatch.runtime.metrics.MetricsEndpoint;
import io.isowatch.runtime.metrics.PrometheusPipelineMetrics;
import io.isowatch.testkit.KafkaBroker;
import io.isowatch.testkit.hostile.EngineCounts;
import io.isowatch.testkit.hostile.HostileCorpus;
import io.isowatch.testkit.hostile.HostileKafka;
import io.isowatch.testkit.hostile.HostileVerdict;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus through the Kafka Streams engine (records keyed by their feed field, so
 * each record names its own feed as on every other source): the engine keeps running, and every
 * record is accepted or dead-lettered to the dead-letter topic with the reason its kind calls for,
 * counted once in the metrics.
 */
class HostileInputTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final int FEED_CAP = 12;

  @TempDir Path stateDir;

  @Test
  void everyRecordIsAcceptedOrDeadLetteredWithItsReason() throws Exception {
    HostileCorpus corpus = HostileCorpus.at(Instant.now());
    PrometheusRegistry registry = new PrometheusRegistry();
    try (KafkaBroker kafka = KafkaBroker.start();
        MetricsEndpoint endpoint = MetricsEndpoint.start(registry, 0)) {
      kafka.createTopic("hostile-in", 1);
      HostileKafka.produce(kafka.bootstrapServers(), "hostile-in", corpus);
      StreamsEngineSettings settings =
          TestEngines.settings(kafka.bootstrapServers(), "hostile", stateDir)
              .keyBy(KeyBy.FIELD)
              .maxFeeds(FEED_CAP)
              .build();
      EngineCounts counts;
      try (KafkaStreamsEngine engine =
          TestEngines.start(settings, new PrometheusPipelineMetrics(registry), registry)) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (engine.failure().isEmpty()
            && scrape(endpoint).handled() < corpus.size()
            && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertThat(engine.failure()).as("the engine keeps running").isEmpty();
        counts = scrape(endpoint);
      }
      List<Rejection> deadLetters =
          kafka.readCommittedToEnd("hostile-dead", TIMEOUT).stream()
              .map(ConsumerRecord::value)
              .map(RejectionJson::fromLine)
              .toList();

      HostileVerdict verdict = HostileVerdict.judge(corpus, FEED_CAP, counts, deadLetters);
      assertThat(verdict.problems()).isEmpty();
      assertThat(verdict.expectedAccepted()).isPositive();
    }
  }

  private static EngineCounts scrape(MetricsEndpoint endpoint) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return EngineCounts.ofPrometheusText(response.body());
  }
}
