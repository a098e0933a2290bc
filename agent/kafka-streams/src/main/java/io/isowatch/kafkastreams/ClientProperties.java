package io.isowatch.kafkastreams;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The client properties a user passes through (TLS, SASL, timeouts): which ones the engine decides
 * itself, and how to show them without their secrets.
 */
public final class ClientProperties {
  /** Properties the engine sets itself; a user value for them is a configuration error. */
  static final Set<String> OWNED_BY_ENGINE =
      Set.of(
          StreamsConfig.APPLICATION_ID_CONFIG,
          StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
          StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
          StreamsConfig.NUM_STREAM_THREADS_CONFIG,
          StreamsConfig.STATE_DIR_CONFIG,
          StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG,
          StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG);

  static final String HIDDEN = "[hidden]";

  private ClientProperties() {}

  /**
   * @throws IllegalArgumentException naming a property the engine sets itself
   */
  static void requireNotOwned(Map<String, String> properties) {
    for (String key : properties.keySet()) {
      if (OWNED_BY_ENGINE.contains(key)) {
        throw new IllegalArgumentException(
            "client property "
                + key
                + " is set by the engine (exactly-once, threads, state dir and topics have their own"
                + " settings); remove it");
      }
    }
  }

  /**
   * The properties as {@code key=value, ...} in key order, every secret shown as {@value #HIDDEN}:
   * passwords and JAAS configurations (the clients' own PASSWORD-typed settings) and anything whose
   * name says it is one.
   */
  public static String describe(Map<String, String> properties) {
    return new TreeMap<>(properties)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + (isSecret(e.getKey()) ? HIDDEN : e.getValue()))
            .collect(Collectors.joining(", "));
  }

  static boolean isSecret(String key) {
    String lower = key.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("password")
        || lower.contains("secret")
        || lower.contains("jaas")
        || lower.contains("token")
        || lower.endsWith(".key")
        || lower.contains("credential")) {
      return true;
    }
    String bare = stripClientPrefix(key);
    for (ConfigDef def :
        new ConfigDef[] {
          StreamsConfig.configDef(),
          ConsumerConfig.configDef(),
          ProducerConfig.configDef(),
          AdminClientConfig.configDef()
        }) {
      ConfigDef.ConfigKey config = def.configKeys().get(bare);
      if (config != null && config.type == ConfigDef.Type.PASSWORD) {
        return true;
      }
    }
    return false;
  }

  /** {@code producer.ssl.key.password} is the producer's {@code ssl.key.password}. */
  private static String stripClientPrefix(String key) {
    for (String prefix :
        new String[] {
          StreamsConfig.CONSUMER_PREFIX,
          StreamsConfig.PRODUCER_PREFIX,
          StreamsConfig.ADMIN_CLIENT_PREFIX,
          StreamsConfig.MAIN_CONSUMER_PREFIX,
          StreamsConfig.RESTORE_CONSUMER_PREFIX,
          StreamsConfig.GLOBAL_CONSUMER_PREFIX,
          StreamsConfig.TOPIC_PREFIX
        }) {
      if (key.startsWith(prefix)) {
        return key.substring(prefix.length());
      }
    }
    return key;
  }
}
