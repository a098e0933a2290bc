package io.isowatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.AgentModel;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.model.ModelSession;
import io.isowatch.engine.report.EngineListener;
import io.isowatch.kafkastreams.KafkaStreamsEngine;
import io.isowatch.kafkastreams.StateStoreKind;
import io.isowatch.kafkastreams.StreamsEngineSettings;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.model.embed.Device;
import io.isowatch.runtime.EmbeddedPipeline;
import io.isowatch.testkit.KafkaBroker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams engine against the in-process engine on the same observations and model, with a
 * real Kafka broker (KRaft, in this JVM): seeded synthetic feeds, windows of 64 values every 8,
 * batches of 32, a bundled model ({@code --model}, MiniLM int8 by default; the numeric LM forecasts
 * from its own logits on both engines) with 2 intra-op threads (one stream thread).
 *
 * <ol>
 *   <li>throughput: the in-process engine over the observations in memory (from its start, the
 *       model loaded beforehand), against the Kafka Streams engine over the same observations
 *       already in the input topic (from its first record processed to its last window embedded):
 *       records/s ingested, windows/s embedded, and the ratio of the two engines, over the whole
 *       run and over its second half of windows (the steady state, without the start-up a run pays
 *       once);
 *   <li>latency: with the engine caught up, observations produced at a fixed pace; for each window,
 *       the time from producing the record that completes it to reading (read_committed) its
 *       measures record, which takes the alerts' path (same processor, same transaction), and for
 *       each alert the same: p50 and p99.
 * </ol>
 *
 * <pre>
 *   ./mvnw -q package -DskipTests -pl agent/bench -am
 *   java -cp agent/bench/target/benchmarks.jar io.isowatch.bench.KafkaStreamsBench
 *       [--feeds N] [--length N] [--partitions N] [--rate RECORDS_PER_SECOND] [--latency-length N]
 *       [--latency-only] [--model minilm-int8|minilm-fp32|numeric-lm] [--commit-interval-ms N]
 *       [--rounds N] [--embedded-overlap on|off] [--streams-overlap on|off|both]
 *       [--state-store rocksdb|in-memory]
 * </pre>
 *
 * <p>With {@code --rounds N} the throughput pair runs N times (fresh topics and application each
 * time, the broker already up), and the ratios' median and range are printed with the load average.
 * {@code --embedded-overlap off} has the in-process engine judge each batch right after its
 * embedding rather than while the next is embedded; {@code --streams-overlap} does the same for the
 * Kafka Streams engine, and {@code both} runs it each way in every round (in turn first), each
 * against the same in-process run. {@code --latency-length 0} skips the latency part.
 */
public final class KafkaStreamsBench {
  private static final JsonMapper JSON = new JsonMapper();
  private static final int THREADS = 2;
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private KafkaStreamsBench() {}

  record Options(
      int feeds,
      long length,
      int partitions,
      double rate,
      long latencyLength,
      boolean latencyOnly,
      ModelChoice model,
      Optional<Integer> commitIntervalMs,
      int rounds,
      boolean embeddedOverlap,
      List<Boolean> streamsOverlaps,
      StateStoreKind stateStore) {
    static Options parse(String[] args) {
      int feeds = 4;
      long length = 1000;
      int partitions = 4;
      double rate = 20;
      long latencyLength = 240;
      boolean latencyOnly = false;
      ModelChoice model = ModelChoice.MINILM_INT8;
      Optional<Integer> commitIntervalMs = Optional.empty();
      int rounds = 1;
      boolean embeddedOverlap = true;
      List<Boolean> streamsOverlaps = List.of(true);
      StateStoreKind stateStore = StreamsEngineSettings.DEFAULT_STATE_STORE;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        if (args[i].equals("--latency-only")) {
          latencyOnly = true;
          continue;
        }
        switch (args[i]) {
          case "--feeds" -> feeds = Integer.parseInt(value);
          case "--length" -> length = Long.parseLong(value);
          case "--partitions" -> partitions = Integer.parseInt(value);
          case "--rate" -> rate = Double.parseDouble(value);
          case "--latency-length" -> latencyLength = Long.parseLong(value);
          case "--model" -> model = ModelChoice.parse(value);
          case "--commit-interval-ms" -> commitIntervalMs = Optional.of(Integer.parseInt(value));
          case "--rounds" -> rounds = Integer.parseInt(value);
          case "--embedded-overlap" -> embeddedOverlap = parseOnOff(value);
          case "--streams-overlap" ->
              streamsOverlaps =
                  value.equals("both") ? List.of(false, true) : List.of(parseOnOff(value));
          case "--state-store" -> stateStore = parseStateStore(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      if (latencyLength < 0 || (latencyLength == 0 && latencyOnly)) {
        throw new IllegalArgumentException(
            "--latency-length must be positive, or 0 to skip the latency part (not with"
                + " --latency-only), got "
                + latencyLength);
      }
      return new Options(
          feeds,
          length,
          partitions,
          rate,
          latencyLength,
          latencyOnly,
          model,
          commitIntervalMs,
          rounds,
          embeddedOverlap,
          streamsOverlaps,
          stateStore);
    }

    private static StateStoreKind parseStateStore(String value) {
      for (StateStoreKind kind : StateStoreKind.values()) {
        if (kind.label().equals(value)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("--state-store takes rocksdb or in-memory, got " + value);
    }

    private static boolean parseOnOff(String value) {
      return switch (value) {
        case "on" -> true;
        case "off" -> false;
        default -> throw new IllegalArgumentException("expected on or off, got " + value);
      };
    }
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Options options = Options.parse(args);
    AgentModel model = model(options.model());
    MonitorSettings monitor = MonitorSettings.builder().width(width(model)).build();
    List<Observation> observations = observations(options.feeds(), options.length(), 42);
    long windows = expectedWindows(options.feeds(), options.length(), monitor);
    System.out.printf(
        Locale.ROOT,
        "%d feeds x %d observations, %d windows (length %d, stride %d), %s, batches of %d,"
            + " Kafka Streams state store %s%n",
        options.feeds(),
        options.length(),
        windows,
        monitor.window().length(),
        monitor.window().stride(),
        options.model(),
        BatchSettings.DEFAULT_MAX_BATCH,
        options.stateStore().label());

    if (options.latencyOnly()) {
      try (KafkaBroker kafka = KafkaBroker.start()) {
        latency(kafka, options, model);
      }
      return;
    }
    Map<Boolean, List<Double>> ratios = new java.util.TreeMap<>();
    Map<Boolean, List<Double>> steadyRatios = new java.util.TreeMap<>();
    try (KafkaBroker kafka = KafkaBroker.start()) {
      for (int round = 1; round <= options.rounds(); round++) {
        EmbeddingTally inProcess = new EmbeddingTally();
        Timing embedded = embedded(observations, model, monitor, windows, inProcess, options);
        if (options.rounds() > 1) {
          System.out.printf(Locale.ROOT, "round %d%n", round);
        }
        report("in-process engine", observations.size(), windows, embedded, inProcess);
        // Each way goes first in turn, so neither always runs right after the in-process engine.
        List<Boolean> overlaps = new ArrayList<>(options.streamsOverlaps());
        Collections.rotate(overlaps, round - 1);
        for (boolean overlap : overlaps) {
          EmbeddingTally kafkaStreams = new EmbeddingTally();
          String name =
              (options.rounds() == 1 ? "bench" : "bench" + round) + (overlap ? "" : "-at-once");
          Timing streams =
              streams(
                  kafka,
                  name,
                  options,
                  overlap,
                  observations,
                  model,
                  monitor,
                  windows,
                  kafkaStreams);
          String engine = "Kafka Streams engine" + (overlap ? "" : " (at once)");
          report(engine, observations.size(), windows, streams, kafkaStreams);
          double ratio = embedded.seconds() / streams.seconds();
          double steady = embedded.secondHalfSeconds() / streams.secondHalfSeconds();
          System.out.printf(
              Locale.ROOT,
              "ratio %s / in-process: %.2f (records/s and windows/s alike); second half %.2f%n",
              engine,
              ratio,
              steady);
          ratios.computeIfAbsent(overlap, o -> new ArrayList<>()).add(ratio);
          steadyRatios.computeIfAbsent(overlap, o -> new ArrayList<>()).add(steady);
        }
      }
      if (options.rounds() > 1) {
        ratios.forEach((overlap, values) -> summarize(overlap, "whole run", values));
        steadyRatios.forEach((overlap, values) -> summarize(overlap, "second half", values));
      }
      if (options.latencyLength() > 0) {
        latency(kafka, options, model);
      }
    }
  }

  private static void summarize(boolean overlap, String span, List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "ratio Kafka Streams%s / in-process over %d rounds, %s: median %.2f (%.2f-%.2f); load"
            + " average %.1f%n",
        overlap ? "" : " (at once)",
        sorted.length,
        span,
        sorted[sorted.length / 2],
        sorted[0],
        sorted[sorted.length - 1],
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static void report(
      String engine, long records, long windows, Timing timing, EmbeddingTally tally) {
    double seconds = timing.seconds();
    System.out.printf(
        Locale.ROOT,
        "%-22s %7.1f s  %8.0f records/s  %6.1f windows/s, second half %6.1f windows/s  (%s)%n",
        engine,
        seconds,
        records / seconds,
        windows / seconds,
        (windows - windows / 2) / timing.secondHalfSeconds(),
        tally.describe());
  }

  /**
   * How long a run took, and how long its second half of windows took: from the moment half of them
   * had been measured to the last. The second half leaves out what a run pays once (the first
   * transactions and commits of a fresh application, the code paths' first compilations), so its
   * ratio is the engines' steady state; a short run's whole-run ratio mixes the two.
   */
  record Timing(double seconds, double secondHalfSeconds) {}

  /** Counts a run's measured windows and notes when half of them, and the last, were measured. */
  private static final class RunClock {
    private final long windows;
    private final AtomicLong measured = new AtomicLong();
    private final AtomicLong half = new AtomicLong();
    private final AtomicLong last = new AtomicLong();

    RunClock(long windows) {
      this.windows = windows;
    }

    void windowMeasured() {
      long count = measured.incrementAndGet();
      long now = System.nanoTime();
      if (count == windows / 2) {
        half.set(now);
      }
      last.set(now);
    }

    long measured() {
      return measured.get();
    }

    Timing timing(long startNanos) {
      return new Timing((last.get() - startNanos) / 1e9, (last.get() - half.get()) / 1e9);
    }
  }

  static List<Observation> observations(int feeds, long length, long seed) throws Exception {
    return SyntheticFeed.builder().feeds(feeds).length(length).seed(seed).build().observations();
  }

  static long expectedWindows(int feeds, long length, MonitorSettings monitor) {
    int window = monitor.window().length();
    int stride = monitor.window().stride();
    return length < window ? 0 : feeds * ((length - window) / stride + 1);
  }

  /** The bundled model, its sessions with {@value #THREADS} intra-op threads. */
  static AgentModel model(ModelChoice choice) {
    return AgentModel.bundled(choice, Device.CPU, THREADS, EncoderSettings.defaults());
  }

  static int width(AgentModel model) {
    return model.width().orElse(BundledModels.HIDDEN_WIDTH);
  }

  /** How long the in-process engine takes over the observations, model loaded beforehand. */
  private static Timing embedded(
      List<Observation> observations,
      AgentModel model,
      MonitorSettings monitor,
      long windows,
      EmbeddingTally tally,
      Options options)
      throws Exception {
    RunClock clock = new RunClock(windows);
    try (ModelSession session = model.open()) {
      ObservationSource source =
          new ObservationSource() {
            @Override
            public void run(Consumer<SourceEvent> downstream) {
              observations.forEach(o -> downstream.accept(new SourceEvent.Parsed(o)));
            }

            @Override
            public String describe() {
              return "observations in memory";
            }
          };
      long start = System.nanoTime();
      try (EmbeddedPipeline pipeline =
          EmbeddedPipeline.builder()
              .source(source)
              .encoder(session.encoder())
              .embedder(session.embedder())
              .monitorSettings(monitor)
              .softmaxSources(model.forecasts(monitor))
              .alertSink(alert -> {})
              .deadLetterSink(rejection -> {})
              .overlapJudging(options.embeddedOverlap())
              .listener(
                  new EngineListener() {
                    @Override
                    public void embedded(int batchSize, long nanos) {
                      tally.add(batchSize, nanos);
                    }

                    @Override
                    public void windowMeasured(String feedId) {
                      clock.windowMeasured();
                    }
                  })
              .build()) {
        pipeline.run();
      }
      check("in-process", clock.measured(), windows);
      return clock.timing(start);
    }
  }

  /** How long from the first record processed to the last window embedded. */
  private static Timing streams(
      KafkaBroker kafka,
      String name,
      Options options,
      boolean overlap,
      List<Observation> observations,
      AgentModel model,
      MonitorSettings monitor,
      long windows,
      EmbeddingTally tally)
      throws Exception {
    kafka.createTopic(name + "-in", options.partitions());
    produce(kafka, name + "-in", observations, 0, new ConcurrentHashMap<>());
    AtomicLong first = new AtomicLong();
    RunClock clock = new RunClock(windows);
    EngineListener timing =
        new EngineListener() {
          @Override
          public void observed(String feedId) {
            first.compareAndSet(0, System.nanoTime());
          }

          @Override
          public void embedded(int batchSize, long nanos) {
            tally.add(batchSize, nanos);
          }

          @Override
          public void windowMeasured(String feedId) {
            clock.windowMeasured();
          }
        };
    Path state = Files.createTempDirectory("isowatch-bench-state");
    CpuSplit cpu = CpuSplit.start();
    String split;
    try (KafkaStreamsEngine engine =
        start(kafka, name, state, model, monitor, timing, Optional.empty(), options, overlap)) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (clock.measured() < windows && System.nanoTime() < deadline) {
        if (engine.failure().isPresent()) {
          throw new IllegalStateException("the engine failed", engine.failure().get());
        }
        Thread.sleep(20);
      }
      split = cpu.describe(); // while the engine's threads are alive
    }
    check("Kafka Streams", clock.measured(), windows);
    System.out.println(split);
    return clock.timing(first.get());
  }

  /**
   * Where the process's CPU went during a Kafka Streams run: the engine's Java threads (each stream
   * thread, its clients and its model thread carry "StreamThread" in their names; a run of the
   * model computes partly on the thread that calls it), the other Java threads (the broker in this
   * JVM, mostly, which a deployment runs elsewhere) and the rest, ONNX Runtime's pool threads,
   * which the JVM does not see. Threads that end during the run are missed, so the split is a floor
   * for the Java parts.
   */
  private record CpuSplit(long processNanos, Map<Long, Long> threadNanos) {
    static CpuSplit start() {
      return new CpuSplit(processCpu(), threadCpu());
    }

    String describe() {
      long process = processCpu() - processNanos;
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long engine = 0;
      long other = 0;
      for (Map.Entry<Long, Long> entry : threadCpu().entrySet()) {
        long used = entry.getValue() - threadNanos.getOrDefault(entry.getKey(), 0L);
        ThreadInfo info = threads.getThreadInfo(entry.getKey());
        if (info != null && info.getThreadName().contains("StreamThread")) {
          engine += used;
        } else {
          other += used;
        }
      }
      return String.format(
          Locale.ROOT,
          "  CPU during the run: process %.1f s = the engine's Java threads %.1f s (ONNX Runtime"
              + " runs partly on the model thread) + other Java threads (the in-JVM broker,"
              + " mostly) %.1f s + native threads (ONNX Runtime's pool) %.1f s",
          process / 1e9,
          engine / 1e9,
          other / 1e9,
          (process - engine - other) / 1e9);
    }

    private static long processCpu() {
      return ((com.sun.management.OperatingSystemMXBean)
              ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }

    private static Map<Long, Long> threadCpu() {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      Map<Long, Long> cpu = new java.util.HashMap<>();
      for (long id : threads.getAllThreadIds()) {
        long nanos = threads.getThreadCpuTime(id);
        if (nanos >= 0) {
          cpu.put(id, nanos);
        }
      }
      return cpu;
    }
  }

  private static KafkaStreamsEngine start(
      KafkaBroker kafka,
      String name,
      Path state,
      AgentModel model,
      MonitorSettings monitor,
      EngineListener listener,
      Optional<String> measures,
      Options options,
      boolean overlap) {
    StreamsEngineSettings.Builder settings =
        StreamsEngineSettings.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .applicationId("bench-" + name)
            .inputTopics(List.of(name + "-in"))
            .alertsTopic(name + "-alerts")
            .measuresTopic(measures)
            .deadLetterTopic(name + "-dead")
            .overlapJudging(overlap)
            .stateStore(options.stateStore())
            .stateDir(Optional.of(state));
    options
        .commitIntervalMs()
        .ifPresent(ms -> settings.clientProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "" + ms));
    return KafkaStreamsEngine.builder()
        .settings(settings.build())
        .model(model, monitor)
        .listener(listener)
        .start();
  }

  /** Produces keyed by feed; paced at {@code rate} records/s when positive. */
  private static void produce(
      KafkaBroker kafka,
      String topic,
      List<Observation> observations,
      double rate,
      Map<String, Long> sentAt) {
    ObservationJson json = ObservationJson.defaults();
    long start = System.nanoTime();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerProperties())) {
      for (int i = 0; i < observations.size(); i++) {
        Observation observation = observations.get(i);
        if (rate > 0) {
          long due = start + (long) (i / rate * 1e9);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            try {
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
          sentAt.put(key(observation.feedId(), observation.eventTime()), System.nanoTime());
        }
        producer.send(new ProducerRecord<>(topic, observation.feedId(), json.encode(observation)));
        if (rate > 0) {
          producer.flush();
        }
      }
      producer.flush();
    }
  }

  private static String key(String feed, Instant time) {
    return feed + "@" + time;
  }

  /**
   * Paced input, the engine caught up: input record to measures and alerts records. Every window is
   * evaluated here (evaluate-every 1, a cloud of 8), so that each one yields a measures record.
   */
  private static void latency(KafkaBroker kafka, Options options, AgentModel model)
      throws Exception {
    MonitorSettings monitor =
        MonitorSettings.builder()
            .width(width(model))
            .windowCloudCapacity(8)
            .evaluateEvery(1)
            .build();
    List<Observation> observations = observations(options.feeds(), options.latencyLength(), 7);
    long windows = expectedWindows(options.feeds(), options.latencyLength(), monitor);
    kafka.createTopic("lat-in", options.partitions());
    Path state = Files.createTempDirectory("isowatch-bench-latency");
    List<Double> measureMillis = Collections.synchronizedList(new ArrayList<>());
    List<Double> alertMillis = Collections.synchronizedList(new ArrayList<>());
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    AtomicInteger read = new AtomicInteger();
    try (KafkaStreamsEngine engine =
        start(
            kafka,
            "lat",
            state,
            model,
            monitor,
            EngineListener.NONE,
            Optional.of("lat-measures"),
            options,
            options.streamsOverlaps().get(options.streamsOverlaps().size() - 1))) {
      if (!engine.awaitRunning(Duration.ofMinutes(2))) {
        throw new IllegalStateException("the engine did not start");
      }
      Thread consumer =
          new Thread(
              () -> consume(kafka, sentAt, measureMillis, alertMillis, read, windows),
              "latency consumer");
      consumer.start();
      Thread.sleep(1000);
      produce(kafka, "lat-in", observations, options.rate(), sentAt);
      consumer.join(TIMEOUT.toMillis());
    }
    System.out.printf(
        Locale.ROOT,
        "latency at %.0f records/s (%d feeds, %d windows): input record -> measures record"
            + " p50 %.0f ms, p99 %.0f ms (%d windows); -> alert p50 %s (%d alerts)%n",
        options.rate(),
        options.feeds(),
        windows,
        percentile(measureMillis, 50),
        percentile(measureMillis, 99),
        measureMillis.size(),
        alertMillis.isEmpty()
            ? "-"
            : String.format(
                Locale.ROOT,
                "%.0f ms, p99 %.0f ms",
                percentile(alertMillis, 50),
                percentile(alertMillis, 99)),
        alertMillis.size());
  }

  private static void consume(
      KafkaBroker kafka,
      Map<String, Long> sentAt,
      List<Double> measureMillis,
      List<Double> alertMillis,
      AtomicInteger read,
      long windows) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.consumerProperties())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of("lat-measures", "lat-alerts")) {
        consumer.partitionsFor(topic, Duration.ofMinutes(1)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .forEach(partitions::add);
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      // Not every window is evaluated (the first ones fill the cloud): stop once idle.
      long evaluatedWindows = windows;
      long idleSince = System.nanoTime();
      while (System.nanoTime() < deadline) {
        boolean any = false;
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
          long now = System.nanoTime();
          any = true;
          JsonNode json;
          try {
            json = JSON.readTree(record.value());
          } catch (Exception e) {
            continue;
          }
          String feed =
              record.topic().equals("lat-alerts")
                  ? json.get("feed_id").asText()
                  : json.get("feed").asText();
          Long sent = sentAt.get(key(feed, Instant.parse(json.get("to").asText())));
          if (sent == null) {
            continue;
          }
          (record.topic().equals("lat-alerts") ? alertMillis : measureMillis)
              .add((now - sent) / 1e6);
          read.incrementAndGet();
        }
        if (any) {
          idleSince = System.nanoTime();
        } else if (measureMillis.size() > 0
            && System.nanoTime() - idleSince > Duration.ofSeconds(10).toNanos()) {
          return;
        }
        if (measureMillis.size() >= evaluatedWindows) {
          return;
        }
      }
    }
  }

  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static void check(String engine, long measured, long expected) {
    if (measured != expected) {
      throw new IllegalStateException(
          engine + " embedded " + measured + " windows, expected " + expected);
    }
  }
}
