package io.isowatch.testkit.hostile;

import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends the corpus to a Kafka topic, a message per record, its bytes as they are (bytes that are
 * not UTF-8 included) and without a key, so that every record names its own feed, in corpus order.
 */
public final class HostileKafka {
  private HostileKafka() {}

  /** Produces every record and waits until the broker acknowledged them all. */
  public static void produce(String bootstrapServers, String topic, HostileCorpus corpus)
      throws InterruptedException, ExecutionException {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (HostileRecord record : corpus.records()) {
        producer.send(new ProducerRecord<>(topic, null, record.payload())).get();
      }
    }
  }
}
