package io.isowatch.connectors.mqtt;

import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.connectors.json.PayloadDecoder;
import io.isowatch.connectors.json.PayloadFormat;
import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.tls.TlsSettings;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Subscribes to MQTT topics (telemetry) with Eclipse Paho and emits one observation per message.
 *
 * <pre>{@code
 * MqttSource source = MqttSource.builder("tcp://broker:1883")
 *     .topics("plant/+/temperature", "meters/#")
 *     .topicPrefix("plant/")            // feed "boiler-7/temperature" from "plant/boiler-7/temperature"
 *     .username("isowatch").password(Secret.fromEnv("MQTT_PASSWORD"))
 *     .build();
 * }</pre>
 *
 * <p><b>Messages.</b> Topic filters may use the {@code +} and {@code #} wildcards; subscriptions
 * are QoS 1 by default (at least once). A message's feed is its topic, less {@code topicPrefix}
 * when it starts with it. Its payload is a JSON object ({@link ObservationJson}; a {@code feed}
 * field wins over the topic) or a bare number, whose event time is its arrival ({@link
 * PayloadFormat}). A payload that cannot be read, or is over {@code maxPayloadBytes}, becomes a
 * {@link SourceEvent.Malformed} with the topic in its detail, counted in {@link #stats()}; the
 * engine sets it aside in its dead letters.
 *
 * <p><b>Connection.</b> The first connection must succeed, else {@link #run} throws naming the
 * broker. After that the client reconnects on its own (waiting up to {@code maxReconnectDelay}
 * between tries) and subscribes again, so a broker restart only pauses the feed. Use {@code ssl://}
 * with {@link Builder#tls} for TLS. The password is read from a {@link Secret} and never logged.
 *
 * <p>{@link #close()} disconnects; the messages already acknowledged are still handed to the engine
 * before {@link #run} returns.
 *
 * <p><b>Memory.</b> At most {@code bufferCapacity} decoded messages wait between the client's
 * thread and the engine; when it is full the client's thread waits, and so does the broker's
 * delivery to us (QoS 1 acknowledges a message once it is in this buffer).
 */
public final class MqttSource implements ObservationSource {
  public static final int DEFAULT_QOS = 1;
  public static final int DEFAULT_BUFFER_CAPACITY = 1024;
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);

  /**
   * Paho doubles its wait between reconnection tries up to this: capped at a few seconds, a
   * restarted broker is found again within about that long (30 s let a feed pause up to 24 s after
   * the broker was back, and a clean session lost what was published meanwhile).
   */
  public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

  private static final System.Logger LOG = System.getLogger(MqttSource.class.getName());
  private static final long POLL_MILLIS = 100;

  /**
   * Counts since {@link #run} started.
   *
   * @param received messages received
   * @param malformed messages that could not be read
   * @param connections successful connections, the first included (2 after one reconnect)
   * @param subscriptions successful subscriptions, one per connection
   */
  public record Stats(long received, long malformed, long connections, long subscriptions) {}

  private final String serverUri;
  private final List<String> topics;
  private final int qos;
  private final String clientId;
  private final boolean cleanSession;
  private final Optional<String> username;
  private final Optional<Secret> password;
  private final Optional<TlsSettings> tls;
  private final String topicPrefix;
  private final PayloadDecoder decoder;
  private final Duration connectTimeout;
  private final Duration keepAlive;
  private final Duration maxReconnectDelay;
  private final Clock clock;
  private final BlockingQueue<SourceEvent> buffer;

  private final AtomicLong received = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong subscriptions = new AtomicLong();
  private volatile boolean closed;

  private MqttSource(Builder builder) {
    this.serverUri = builder.serverUri;
    this.topics = List.copyOf(builder.topics);
    this.qos = builder.qos;
    this.clientId =
        builder.clientId.orElse("isowatch-" + UUID.randomUUID().toString().substring(0, 8));
    this.cleanSession = builder.cleanSession;
    this.username = builder.username;
    this.password = builder.password;
    this.tls = builder.tls;
    this.topicPrefix = builder.topicPrefix;
    this.decoder = new PayloadDecoder(builder.codec, builder.format, builder.maxPayloadBytes);
    this.connectTimeout = builder.connectTimeout;
    this.keepAlive = builder.keepAlive;
    this.maxReconnectDelay = builder.maxReconnectDelay;
    this.clock = builder.clock;
    this.buffer = new ArrayBlockingQueue<>(builder.bufferCapacity);
  }

  public static Builder builder(String serverUri) {
    return new Builder(serverUri);
  }

  @Override
  public void run(Consumer<SourceEvent> downstream) throws Exception {
    MqttAsyncClient client;
    try {
      client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
    } catch (MqttException | IllegalArgumentException e) {
      throw new IllegalArgumentException("serverUri " + serverUri + ": " + e.getMessage(), e);
    }
    try {
      client.setCallback(new Callback(client));
      try {
        client.connect(options()).waitForCompletion(connectTimeout.toMillis());
      } catch (MqttException e) {
        throw new IOException(
            "cannot connect to MQTT broker " + serverUri + " as " + clientId + ": " + e, e);
      }
      while (!closed) {
        SourceEvent event = buffer.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (event != null) {
          downstream.accept(event);
        }
      }
      // closed: leave the broker, then hand over the messages it was told we have
      disconnect(client);
      for (SourceEvent event = buffer.poll(); event != null; event = buffer.poll()) {
        downstream.accept(event);
      }
    } finally {
      closed = true;
      disconnect(client);
      client.close(true);
    }
  }

  private void disconnect(MqttAsyncClient client) {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(connectTimeout.toMillis());
      }
    } catch (MqttException e) {
      LOG.log(Level.DEBUG, "disconnect from " + serverUri + " failed", e);
    }
  }

  private MqttConnectOptions options() {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay((int) Math.max(1000, maxReconnectDelay.toMillis()));
    options.setCleanSession(cleanSession);
    options.setConnectionTimeout((int) Math.max(1, connectTimeout.toSeconds()));
    options.setKeepAliveInterval((int) keepAlive.toSeconds());
    username.ifPresent(options::setUserName);
    password.ifPresent(secret -> options.setPassword(secret.reveal().toCharArray()));
    tls.ifPresent(settings -> options.setSocketFactory(settings.context().getSocketFactory()));
    return options;
  }

  public Stats stats() {
    return new Stats(received.get(), malformed.get(), connections.get(), subscriptions.get());
  }

  /** The feed of a message on {@code topic}. */
  String feedOf(String topic) {
    if (!topicPrefix.isEmpty() && topic.startsWith(topicPrefix)) {
      String rest = topic.substring(topicPrefix.length());
      return rest.isBlank() ? topic : rest;
    }
    return topic;
  }

  @Override
  public String describe() {
    return "mqtt " + serverUri + " " + String.join(",", topics) + " (qos " + qos + ")";
  }

  @Override
  public void close() {
    closed = true;
  }

  private final class Callback implements MqttCallbackExtended {
    private final MqttAsyncClient client;

    Callback(MqttAsyncClient client) {
      this.client = client;
    }

    @Override
    public void connectComplete(boolean reconnect, String uri) {
      connections.incrementAndGet();
      if (reconnect) {
        LOG.log(Level.INFO, "reconnected to {0}; subscribing again", uri);
      }
      int[] levels = new int[topics.size()];
      java.util.Arrays.fill(levels, qos);
      try {
        client.subscribe(
            topics.toArray(new String[0]),
            levels,
            null,
            new IMqttActionListener() {
              @Override
              public void onSuccess(IMqttToken token) {
                subscriptions.incrementAndGet();
              }

              @Override
              public void onFailure(IMqttToken token, Throwable failure) {
                LOG.log(Level.ERROR, "cannot subscribe to " + topics + " on " + uri, failure);
              }
            });
      } catch (MqttException e) {
        LOG.log(Level.ERROR, "cannot subscribe to " + topics + " on " + uri, e);
      }
    }

    @Override
    public void connectionLost(Throwable cause) {
      if (!closed) {
        LOG.log(Level.WARNING, "lost the connection to {0} ({1}); reconnecting", serverUri, cause);
      }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
      received.incrementAndGet();
      SourceEvent event =
          decoder.decode(
              message.getPayload(), "topic " + topic, Optional.of(feedOf(topic)), clock.instant());
      if (event instanceof SourceEvent.Malformed) {
        malformed.incrementAndGet();
      }
      while (!buffer.offer(event, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (closed) {
          // not acknowledged: the broker sends it again to the next session that asks
          throw new IOException("source closed before the message could be passed on");
        }
      }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}
  }

  /** Builds an {@link MqttSource}; {@code topics} is required. */
  public static final class Builder {
    private final String serverUri;
    private List<String> topics = List.of();
    private int qos = DEFAULT_QOS;
    private Optional<String> clientId = Optional.empty();
    private boolean cleanSession = true;
    private Optional<String> username = Optional.empty();
    private Optional<Secret> password = Optional.empty();
    private Optional<TlsSettings> tls = Optional.empty();
    private String topicPrefix = "";
    private ObservationJson codec = ObservationJson.defaults();
    private PayloadFormat format = PayloadFormat.AUTO;
    private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
    private int bufferCapacity = DEFAULT_BUFFER_CAPACITY;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration keepAlive = DEFAULT_KEEP_ALIVE;
    private Duration maxReconnectDelay = DEFAULT_MAX_RECONNECT_DELAY;
    private Clock clock = Clock.systemUTC();

    private Builder(String serverUri) {
      this.serverUri = Objects.requireNonNull(serverUri, "serverUri");
    }

    /** Topic filters, {@code +} and {@code #} wildcards allowed. */
    public Builder topics(String... topics) {
      this.topics = List.of(topics);
      return this;
    }

    public Builder topics(List<String> topics) {
      this.topics = List.copyOf(topics);
      return this;
    }

    /** 0, 1 (the default: at least once) or 2. */
    public Builder qos(int qos) {
      this.qos = qos;
      return this;
    }

    /** A fixed client id; needed with {@code cleanSession(false)} to resume a session. */
    public Builder clientId(String clientId) {
      this.clientId = Optional.of(clientId);
      return this;
    }

    /** false: the broker keeps the subscription and queues QoS 1 messages while we are away. */
    public Builder cleanSession(boolean cleanSession) {
      this.cleanSession = cleanSession;
      return this;
    }

    public Builder username(String username) {
      this.username = Optional.of(username);
      return this;
    }

    public Builder password(Secret password) {
      this.password = Optional.of(password);
      return this;
    }

    /** TLS trust (and client key) for an {@code ssl://} broker. */
    public Builder tls(TlsSettings tls) {
      this.tls = Optional.of(tls);
      return this;
    }

    /** Removed from the front of a topic to make its feed id. */
    public Builder topicPrefix(String topicPrefix) {
      this.topicPrefix = Objects.requireNonNull(topicPrefix, "topicPrefix");
      return this;
    }

    /** Field names and zone of JSON payloads. */
    public Builder codec(ObservationJson codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    public Builder payloadFormat(PayloadFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    public Builder maxPayloadBytes(int maxPayloadBytes) {
      this.maxPayloadBytes = maxPayloadBytes;
      return this;
    }

    /** Decoded messages waiting for the engine, at most. */
    public Builder bufferCapacity(int bufferCapacity) {
      this.bufferCapacity = bufferCapacity;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder keepAlive(Duration keepAlive) {
      this.keepAlive = keepAlive;
      return this;
    }

    /** The longest wait between two reconnection tries (at least 1 s). */
    public Builder maxReconnectDelay(Duration maxReconnectDelay) {
      this.maxReconnectDelay = maxReconnectDelay;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first option out of range
     */
    public MqttSource build() {
      if (!serverUri.matches("(tcp|ssl|ws|wss)://.+")) {
        throw new IllegalArgumentException(
            "serverUri must be tcp://, ssl://, ws:// or wss://host:port, got " + serverUri);
      }
      if (topics.isEmpty()) {
        throw new IllegalArgumentException("topics must name at least one topic filter");
      }
      for (String topic : topics) {
        if (topic == null || topic.isEmpty()) {
          throw new IllegalArgumentException("topics must not contain an empty filter");
        }
      }
      if (qos < 0 || qos > 2) {
        throw new IllegalArgumentException("qos must be 0, 1 or 2, got " + qos);
      }
      if (!cleanSession && clientId.isEmpty()) {
        throw new IllegalArgumentException("clientId is required with cleanSession false");
      }
      if (bufferCapacity < 1) {
        throw new IllegalArgumentException(
            "bufferCapacity must be at least 1, got " + bufferCapacity);
      }
      if (connectTimeout == null || connectTimeout.toSeconds() < 1) {
        throw new IllegalArgumentException(
            "connectTimeout must be at least 1s, got " + connectTimeout);
      }
      if (keepAlive == null || keepAlive.isNegative()) {
        throw new IllegalArgumentException("keepAlive must not be negative, got " + keepAlive);
      }
      if (maxReconnectDelay == null || maxReconnectDelay.toMillis() < 1000) {
        throw new IllegalArgumentException(
            "maxReconnectDelay must be at least 1s, got " + maxReconnectDelay);
      }
      new PayloadDecoder(codec, format, maxPayloadBytes); // validates maxPayloadBytes
      return new MqttSource(this);
    }
  }
}
