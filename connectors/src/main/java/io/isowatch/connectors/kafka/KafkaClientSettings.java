package io.isowatch.connectors.kafka;

import io.isowatch.connectors.secret.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * How to reach a Kafka cluster: the bootstrap servers and any client property passed through as is
 * ({@code security.protocol}, {@code ssl.truststore.location}, {@code sasl.mechanism}...), with the
 * secret ones ({@code sasl.jaas.config}, {@code ssl.keystore.password}) read from {@link Secret}s.
 * {@link #toString()} never shows a secret's value.
 *
 * <pre>{@code
 * KafkaClientSettings kafka = KafkaClientSettings.of("broker:9093")
 *     .with("security.protocol", "SASL_SSL")
 *     .with("sasl.mechanism", "SCRAM-SHA-512")
 *     .withSecret("sasl.jaas.config", Secret.fromEnv("KAFKA_JAAS"));
 * }</pre>
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param properties client properties passed through
 * @param secretProperties client properties whose values are secrets
 */
public record KafkaClientSettings(
    String bootstrapServers, Map<String, String> properties, Map<String, Secret> secretProperties) {
  public KafkaClientSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    properties = Map.copyOf(properties);
    secretProperties = Map.copyOf(secretProperties);
    for (String key : secretProperties.keySet()) {
      if (properties.containsKey(key)) {
        throw new IllegalArgumentException(key + " is given both as a property and as a secret");
      }
    }
  }

  public static KafkaClientSettings of(String bootstrapServers) {
    return new KafkaClientSettings(bootstrapServers, Map.of(), Map.of());
  }

  /** A copy with one more pass-through property. */
  public KafkaClientSettings with(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(properties);
    more.put(key, value);
    return new KafkaClientSettings(bootstrapServers, more, secretProperties);
  }

  /** A copy with one more secret property. */
  public KafkaClientSettings withSecret(String key, Secret value) {
    Map<String, Secret> more = new LinkedHashMap<>(secretProperties);
    more.put(key, value);
    return new KafkaClientSettings(bootstrapServers, properties, more);
  }

  /**
   * The client's properties: {@code fixed} (what the connector needs, e.g. its serializers) over
   * the pass-through ones, over the bootstrap servers.
   *
   * @throws IllegalArgumentException if a pass-through property tries to change a fixed one
   */
  Properties clientProperties(Map<String, String> defaults, Map<String, String> fixed) {
    Properties client = new Properties();
    client.putAll(defaults);
    client.put("bootstrap.servers", bootstrapServers);
    for (Map.Entry<String, String> entry : properties.entrySet()) {
      String fixedValue = fixed.get(entry.getKey());
      if (fixedValue != null && !fixedValue.equals(entry.getValue())) {
        throw new IllegalArgumentException(
            "properties: "
                + entry.getKey()
                + " must be "
                + fixedValue
                + " for this connector, got "
                + entry.getValue());
      }
      client.put(entry.getKey(), entry.getValue());
    }
    secretProperties.forEach((key, secret) -> client.put(key, secret.reveal()));
    client.putAll(fixed);
    return client;
  }
}
