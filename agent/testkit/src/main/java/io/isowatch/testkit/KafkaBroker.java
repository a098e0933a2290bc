package io.isowatch.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker for tests: one combined KRaft node (broker and controller in one process)
 * started in this JVM by Kafka's own {@link KafkaClusterTestKit}, on a loopback port and a
 * temporary directory that {@link #close()} deletes. Internal topics (offsets, transactions) have
 * replication factor 1, so transactional (exactly-once) clients work against it.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start()) {
 *   kafka.createTopic("input", 2);
 *   kafka.produce("input", List.of(KafkaBroker.message("key", "value")));
 *   List<ConsumerRecord<String, String>> read =
 *       kafka.readCommitted("input", 1, Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Up in about two seconds and ~330 MB of heap on a 2-core machine; share one per test class.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Duration OPEN_TIMEOUT = Duration.ofMinutes(1);

  private final KafkaClusterTestKit cluster;
  private final Admin admin;

  private KafkaBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
    // Built from the bootstrap servers rather than cluster.admin() (Kafka 4.3 only), so the Flink
    // module can run this broker on the Kafka 4.2 that its connector needs.
    this.admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
  }

  /** Starts a broker with the defaults; blocks until it accepts clients. */
  public static KafkaBroker start() {
    return start(Map.of());
  }

  /**
   * Starts a broker with extra broker properties (e.g. {@code transaction.timeout.ms} limits) on
   * top of the single-node defaults; blocks until it accepts clients.
   */
  public static KafkaBroker start(Map<String, String> brokerProperties) {
    KafkaClusterTestKit cluster = null;
    try {
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              .build();
      KafkaClusterTestKit.Builder builder =
          new KafkaClusterTestKit.Builder(nodes)
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("offsets.topic.num.partitions", "3")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("transaction.state.log.num.partitions", "3")
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .setConfigProp("auto.create.topics.enable", "false");
      brokerProperties.forEach(builder::setConfigProp);
      cluster = builder.build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new KafkaBroker(cluster);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(cluster);
      throw new IllegalStateException("interrupted while starting the Kafka broker", e);
    } catch (Exception e) {
      closeQuietly(cluster);
      throw new IllegalStateException("the in-process Kafka broker did not start", e);
    }
  }

  /** {@code host:port} for a client's {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /**
   * Creates a topic with replication factor 1 and waits until every partition takes records.
   *
   * <p>"Created" is not enough: the controller has committed the topic some moments before the
   * broker opens its partitions, and an idempotent producer that starts in between can lose its
   * first batch without an error to the caller (KAFKA-15591: the batch fails with
   * NOT_LEADER_OR_FOLLOWER, the next one opens the producer's sequence on the partition, and every
   * retry of the first is then out of order until {@code delivery.timeout.ms}). A partition that
   * answers a ListOffsets request is open on its leader.
   */
  public void createTopic(String name, int partitions) {
    await(admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all(), name);
    Map<TopicPartition, OffsetSpec> every = new HashMap<>();
    for (int partition = 0; partition < partitions; partition++) {
      every.put(new TopicPartition(name, partition), OffsetSpec.latest());
    }
    long deadline = System.nanoTime() + OPEN_TIMEOUT.toNanos();
    while (true) {
      try {
        admin.listOffsets(every).all().get();
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the partitions of " + name + " did not open within " + OPEN_TIMEOUT, e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name + " to open", e);
      }
      pause();
    }
  }

  /** Topic names on the broker, internal ones (e.g. Kafka Streams changelogs) included. */
  public Set<String> topics() {
    return await(admin.listTopics().names(), "listing topics");
  }

  /**
   * A record to produce: a key (may be null), a value, as strings, and the partition to write it to
   * (empty: the producer's partitioner picks it from the key).
   */
  public record Message(String key, String value, OptionalInt partition) {
    public Message(String key, String value) {
      this(key, value, OptionalInt.empty());
    }
  }

  /** Shorthand for {@code new Message(key, value)}. */
  public static Message message(String key, String value) {
    return new Message(key, value);
  }

  /** A message for one partition of its topic. */
  public static Message message(String key, String value, int partition) {
    return new Message(key, value, OptionalInt.of(partition));
  }

  /**
   * Produces string records to a topic in the given order (idempotent producer, acks=all) and waits
   * until every one is acknowledged.
   *
   * @throws IllegalStateException naming the first record the broker did not take: a test that
   *     produced less than it meant to fails here, not later on a shortfall it cannot explain
   */
  public void produce(String topic, Collection<Message> records) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
      for (Message message : records) {
        Integer partition = message.partition().isPresent() ? message.partition().getAsInt() : null;
        sent.add(
            producer.send(new ProducerRecord<>(topic, partition, message.key(), message.value())));
      }
      producer.flush();
    }
    int index = 0;
    for (Future<RecordMetadata> acknowledged : sent) {
      try {
        acknowledged.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "record " + index + " of " + records.size() + " to " + topic + " was not written",
            e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while producing to " + topic, e);
      }
      index++;
    }
  }

  /** Producer properties for string keys and values against this broker (acks=all, idempotent). */
  public Properties producerProperties() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return props;
  }

  /**
   * Reads a topic from the beginning with {@code isolation.level=read_committed} (so aborted
   * transactional writes are never seen) until {@code count} records arrived or {@code timeout}
   * passed, whichever comes first; returns what was read, in partition order. Callers assert on the
   * size: a shortfall is a test failure, not an exception here.
   */
  public List<ConsumerRecord<String, String>> readCommitted(
      String topic, int count, Duration timeout) {
    return read(topic, count, timeout, false);
  }

  /**
   * Reads every committed record of a topic, from the beginning up to its last stable offsets at
   * the time of the call (or until {@code timeout}), then returns. Finds records beyond the
   * expected ones (duplicates) without waiting out a timeout.
   */
  public List<ConsumerRecord<String, String>> readCommittedToEnd(String topic, Duration timeout) {
    return read(topic, Integer.MAX_VALUE, timeout, true);
  }

  private List<ConsumerRecord<String, String>> read(
      String topic, int count, Duration timeout, boolean untilEnd) {
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end =
          untilEnd ? consumer.endOffsets(partitions, timeout) : Map.of();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (read.size() < count && System.nanoTime() < deadline) {
        if (untilEnd && reachedEnd(consumer, end)) {
          break;
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
          read.add(record);
        }
      }
    }
    return read;
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream()
        .allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
  }

  /** Consumer properties for string keys and values, read_committed, a fresh group id. */
  public Properties consumerProperties() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "isowatch-testkit-" + UUID.randomUUID());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return props;
  }

  /** An admin client of this broker, owned by the broker (do not close it). */
  public Admin admin() {
    return admin;
  }

  /** Stops the broker and deletes its data directory. */
  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
    closeQuietly(cluster);
  }

  private static void closeQuietly(KafkaClusterTestKit cluster) {
    if (cluster == null) {
      return;
    }
    try {
      cluster.close();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the in-process Kafka broker did not stop cleanly", e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + what, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka admin call failed: " + what, e.getCause());
    }
  }
}
