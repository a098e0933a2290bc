package io.isowatch.cli.config;

import io.isowatch.connectors.kafka.KafkaClientSettings;
import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.tls.TlsSettings;
import io.isowatch.engine.spec.ConfigNode;
import io.isowatch.engine.spec.InputFormatException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The parts of connector settings that hold secrets, read from the configuration, opened late. */
public final class ConnectorRefs {
  private ConnectorRefs() {}

  /**
   * TLS files and the key store's password.
   *
   * @param caCertificates PEM of trusted authorities; empty: the JVM's
   * @param keyStore PKCS#12 with this side's key and certificate
   * @param keyStorePassword its password
   */
  public record Tls(
      Optional<Path> caCertificates,
      Optional<Path> keyStore,
      Optional<SecretRef> keyStorePassword) {
    public Tls {
      Objects.requireNonNull(caCertificates, "caCertificates");
      Objects.requireNonNull(keyStore, "keyStore");
      Objects.requireNonNull(keyStorePassword, "keyStorePassword");
    }

    public TlsSettings settings() {
      return new TlsSettings(caCertificates, keyStore, keyStorePassword.map(SecretRef::resolve));
    }

    public static Optional<Tls> read(ConfigNode node, String key) throws InputFormatException {
      if (!node.has(key)) {
        return Optional.empty();
      }
      ConfigNode tls =
          node.section(key).allowOnly("ca-certificates", "key-store", "key-store-password");
      Optional<Path> keyStore = tls.optionalPath("key-store");
      Optional<SecretRef> password = SecretRef.read(tls, "key-store-password");
      if (keyStore.isPresent() && password.isEmpty()) {
        throw tls.error("key-store-password", "required with key-store");
      }
      return Optional.of(new Tls(tls.optionalPath("ca-certificates"), keyStore, password));
    }
  }

  /**
   * How to reach Kafka.
   *
   * @param bootstrapServers {@code host:port,...}
   * @param properties client properties passed through
   * @param secretProperties client properties whose values are secrets
   */
  public record Kafka(
      String bootstrapServers,
      Map<String, String> properties,
      Map<String, SecretRef> secretProperties) {
    public Kafka {
      Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      properties = Map.copyOf(properties);
      secretProperties = Map.copyOf(secretProperties);
    }

    public KafkaClientSettings settings() {
      Map<String, Secret> secrets = new LinkedHashMap<>();
      secretProperties.forEach((key, ref) -> secrets.put(key, ref.resolve()));
      return new KafkaClientSettings(bootstrapServers, properties, secrets);
    }

    public static Kafka read(ConfigNode node) throws InputFormatException {
      Optional<String> servers = node.optionalText("bootstrap-servers");
      if (servers.isEmpty()) {
        throw node.error("bootstrap-servers", "required: host:port of one or more brokers");
      }
      Map<String, SecretRef> secrets = new LinkedHashMap<>();
      ConfigNode secretNode = node.section("secret-properties");
      for (String key : secretNode.keys()) {
        secrets.put(
            key,
            SecretRef.read(secretNode, key)
                .orElseThrow(() -> secretNode.error(key, "expected {env: NAME} or {file: PATH}")));
      }
      Map<String, String> properties = node.textMap("properties");
      for (String key : secrets.keySet()) {
        if (properties.containsKey(key)) {
          throw secretNode.error(key, "is also in " + node.path("properties") + "; give it once");
        }
      }
      return new Kafka(servers.get(), properties, secrets);
    }
  }

  /** The keys {@link Kafka#read} takes, for a section's allowOnly. */
  public static final List<String> KAFKA_KEYS =
      List.of("bootstrap-servers", "properties", "secret-properties");
}
