package io.isowatch.testkit;

import static io.isowatch.testkit.KafkaBroker.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static KafkaBroker kafka;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void producedRecordsAreReadBackInOrderPerPartition() {
    kafka.createTopic("round-trip", 3);
    List<KafkaBroker.Message> sent =
        IntStream.range(0, 30).mapToObj(i -> message("k" + (i % 4), "v" + i)).toList();

    kafka.produce("round-trip", sent);
    List<ConsumerRecord<String, String>> read = kafka.readCommitted("round-trip", 30, TIMEOUT);

    assertThat(read).hasSize(30);
    assertThat(read)
        .extracting(ConsumerRecord::key, ConsumerRecord::value)
        .containsExactlyInAnyOrderElementsOf(
            sent.stream()
                .map(m -> org.assertj.core.groups.Tuple.tuple(m.key(), m.value()))
                .toList());
    for (String key : List.of("k0", "k1", "k2", "k3")) {
      List<String> sentForKey =
          sent.stream().filter(m -> m.key().equals(key)).map(KafkaBroker.Message::value).toList();
      List<String> readForKey =
          read.stream().filter(r -> r.key().equals(key)).map(ConsumerRecord::value).toList();
      assertThat(readForKey).as("order of key %s", key).isEqualTo(sentForKey);
    }
    assertThat(kafka.topics()).contains("round-trip");
  }

  @Test
  void readCommittedSkipsAbortedTransactions() {
    kafka.createTopic("transactions", 1);
    Properties props = kafka.producerProperties();
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "testkit-tx");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("transactions", "a", "aborted"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("transactions", "a", "committed"));
      producer.commitTransaction();
    }

    List<ConsumerRecord<String, String>> read = kafka.readCommittedToEnd("transactions", TIMEOUT);

    assertThat(read).extracting(ConsumerRecord::value).containsExactly("committed");
  }

  @Test
  void readToEndReturnsEverythingWithoutWaitingForACount() {
    kafka.createTopic("to-end", 2);
    kafka.produce("to-end", List.of(message("x", "1"), message("y", "2"), message(null, "3")));

    List<ConsumerRecord<String, String>> read = kafka.readCommittedToEnd("to-end", TIMEOUT);

    assertThat(read).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("1", "2", "3");
  }

  /**
   * A topic takes records on every partition as soon as createTopic returns: a batch refused in the
   * moment between the topic's creation and its partitions opening would be lost (KAFKA-15591), and
   * produce would throw. Many small batches in flight per partition, as in the engine tests.
   */
  @Test
  void everyPartitionOfANewTopicTakesRecordsAtOnce() {
    int partitions = 8;
    int perPartition = 200;
    for (int round = 0; round < 3; round++) {
      String topic = "fresh-" + round;
      kafka.createTopic(topic, partitions);
      List<KafkaBroker.Message> sent =
          IntStream.range(0, partitions * perPartition)
              .mapToObj(i -> message("k" + i, "v" + i, i % partitions))
              .toList();

      kafka.produce(topic, sent);
      List<ConsumerRecord<String, String>> read = kafka.readCommittedToEnd(topic, TIMEOUT);

      for (int partition = 0; partition < partitions; partition++) {
        int p = partition;
        assertThat(
                read.stream().filter(r -> r.partition() == p).map(ConsumerRecord::value).toList())
            .as("partition %d of %s, in order", p, topic)
            .isEqualTo(
                sent.stream()
                    .filter(m -> m.partition().getAsInt() == p)
                    .map(KafkaBroker.Message::value)
                    .toList());
      }
    }
  }

  @Test
  void aRecordTheBrokerRefusesFailsTheProduceCallNamingIt() {
    kafka.createTopic("refused", 1);
    String tooLarge = "x".repeat(2 * 1024 * 1024); // above the producer's max.request.size (1 MiB)

    assertThatThrownBy(
            () -> kafka.produce("refused", List.of(message("a", "fits"), message("b", tooLarge))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("record 1 of 2 to refused was not written")
        .hasCauseInstanceOf(RecordTooLargeException.class);
  }
}
