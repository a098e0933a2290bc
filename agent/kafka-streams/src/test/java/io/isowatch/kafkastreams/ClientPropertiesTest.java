package io.isowatch.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ClientPropertiesTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
          + " password=\"s3cr3t\";";

  @Test
  void secretsAreHiddenAndTheRestShownInKeyOrder() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("security.protocol", "SASL_SSL");
    props.put("sasl.mechanism", "PLAIN");
    props.put("sasl.jaas.config", JAAS);
    props.put("ssl.truststore.password", "trust-me");
    props.put("producer.ssl.key.password", "key-pass");
    props.put("ssl.keystore.key", "-----BEGIN PRIVATE KEY-----");
    props.put("commit.interval.ms", "200");

    String shown = ClientProperties.describe(props);

    assertThat(shown)
        .isEqualTo(
            "commit.interval.ms=200, producer.ssl.key.password=[hidden],"
                + " sasl.jaas.config=[hidden], sasl.mechanism=PLAIN,"
                + " security.protocol=SASL_SSL, ssl.keystore.key=[hidden],"
                + " ssl.truststore.password=[hidden]");
    assertThat(shown).doesNotContain("s3cr3t", "trust-me", "key-pass", "PRIVATE KEY");
  }

  @Test
  void theEnginesOwnSettingsCannotBeOverridden() {
    assertThatThrownBy(
            () -> ClientProperties.requireNotOwned(Map.of("processing.guarantee", "at_least_once")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("client property processing.guarantee is set by the engine");
  }

  @Test
  void securitySettingsReachTheStreamsAndAdminClients() {
    StreamsEngineSettings settings =
        StreamsEngineSettings.builder()
            .bootstrapServers("broker:9093")
            .inputTopics(java.util.List.of("in"))
            .clientProperty("security.protocol", "SSL")
            .clientProperty("ssl.truststore.location", "/etc/kafka/truststore.jks")
            .clientProperty("commit.interval.ms", "250")
            .build();

    Properties streams = KafkaStreamsEngine.streamsProperties(settings);
    Properties admin = KafkaStreamsEngine.adminProperties(settings);

    assertThat(streams)
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
        .containsEntry("commit.interval.ms", "250")
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("bootstrap.servers", "broker:9093");
    assertThat(admin)
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
        .doesNotContainKey("commit.interval.ms");
  }
}
