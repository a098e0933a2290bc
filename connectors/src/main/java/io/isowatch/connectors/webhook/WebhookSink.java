package io.isowatch.connectors.webhook;

import io.isowatch.connectors.delivery.AlertKeys;
import io.isowatch.connectors.delivery.DeliveryQueue;
import io.isowatch.connectors.delivery.Envelope;
import io.isowatch.connectors.delivery.HttpPost;
import io.isowatch.connectors.delivery.Outcome;
import io.isowatch.connectors.delivery.QueuedSinkBuilder;
import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.tls.TlsSettings;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.io.AlertSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Posts each alert as JSON to a webhook: a chat hook, a pager, or a receiver of your own.
 *
 * <pre>{@code
 * WebhookSink hook = WebhookSink.builder(URI.create("https://hooks.example.com/isowatch"))
 *     .format(WebhookFormat.SLACK)
 *     .signingKey(Secret.fromEnv("ISOWATCH_WEBHOOK_KEY"))
 *     .spillFile(Path.of("state/webhook-spill.jsonl"))
 *     .build();
 * }</pre>
 *
 * <p>Each request carries {@value #IDEMPOTENCY_HEADER} ({@link AlertKeys#idempotencyKey}) and, with
 * a signing key, {@link HmacSignature}'s two headers. {@link #send} only queues: a {@link
 * DeliveryQueue} delivers in order on its own thread, retries failures with backoff, spills to the
 * spill file when its memory is full (and replays it at the next start) and writes what the
 * receiver refuses for good (a 4xx other than 408/429) to a {@code .rejected} file next to it.
 * {@link #flush()} waits up to {@code flushTimeout} for the queue to empty; {@link #close()} keeps
 * what is left in the spill file. The spill and rejected files hold the bodies as sent, PagerDuty's
 * routing key included: keep them where the agent's secrets are.
 */
public final class WebhookSink implements AlertSink {
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_FLUSH_TIMEOUT = QueuedSinkBuilder.DEFAULT_FLUSH_TIMEOUT;

  private final URI uri;
  private final WebhookFormat format;
  private final Optional<Secret> signingKey;
  private final Optional<Secret> routingKey;
  private final Map<String, String> headers;
  private final Duration flushTimeout;
  private final Clock clock;
  private final HttpPost post;
  private final DeliveryQueue queue;

  private WebhookSink(Builder builder) throws IOException {
    this.uri = builder.uri;
    this.format = builder.format;
    this.signingKey = builder.signingKey;
    this.routingKey = builder.routingKey;
    this.headers = Map.copyOf(builder.headers);
    this.flushTimeout = builder.flushTimeout();
    this.clock = builder.clock();
    HttpClient.Builder client =
        HttpClient.newBuilder()
            .connectTimeout(builder.timeout)
            .version(HttpClient.Version.HTTP_1_1);
    builder.tls.ifPresent(tls -> client.sslContext(tls.context()));
    this.post = new HttpPost(client.build(), builder.timeout);
    this.queue = builder.queue("webhook " + uri.getHost(), this::deliver).build();
  }

  public static Builder builder(URI uri) {
    return new Builder(uri);
  }

  /** Queues the alert; returns at once. */
  @Override
  public void send(Alert alert) throws IOException {
    String key = AlertKeys.idempotencyKey(alert);
    queue.offer(new Envelope(key, format.render(alert, key, routingKey)));
  }

  /** Waits up to {@code flushTimeout} for the queued alerts to be delivered. */
  @Override
  public void flush() throws InterruptedException {
    queue.flush(flushTimeout);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    queue.close();
  }

  public DeliveryQueue.Stats stats() {
    return queue.stats();
  }

  private Outcome deliver(Envelope envelope) throws InterruptedException {
    Map<String, String> request = new LinkedHashMap<>(headers);
    request.put(IDEMPOTENCY_HEADER, envelope.key());
    if (signingKey.isPresent()) {
      long now = clock.instant().getEpochSecond();
      request.put(HmacSignature.TIMESTAMP_HEADER, Long.toString(now));
      request.put(
          HmacSignature.SIGNATURE_HEADER,
          HmacSignature.sign(signingKey.get(), now, envelope.body()));
    }
    return post.post(uri, envelope.body(), request);
  }

  @Override
  public String toString() {
    return "webhook " + format.name().toLowerCase(Locale.ROOT) + " to " + uri;
  }

  /** Builds a {@link WebhookSink}; the spill file is required. */
  public static final class Builder extends QueuedSinkBuilder<Builder> {
    private final URI uri;
    private WebhookFormat format = WebhookFormat.ALERT;
    private Optional<Secret> signingKey = Optional.empty();
    private Optional<Secret> routingKey = Optional.empty();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Optional<TlsSettings> tls = Optional.empty();
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder(URI uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    public Builder format(WebhookFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** Signs each request with HMAC-SHA256 under this key. */
    public Builder signingKey(Secret signingKey) {
      this.signingKey = Optional.of(signingKey);
      return this;
    }

    /** PagerDuty's integration (routing) key; required with {@link WebhookFormat#PAGERDUTY}. */
    public Builder routingKey(Secret routingKey) {
      this.routingKey = Optional.of(routingKey);
      return this;
    }

    /** A header sent with every request, e.g. an {@code Authorization} read from a secret. */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** TLS trust (and key) for an {@code https} receiver; the JVM's defaults otherwise. */
    public Builder tls(TlsSettings tls) {
      this.tls = Optional.of(tls);
      return this;
    }

    /** How long one attempt may take, connecting included. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the option at fault
     * @throws IOException if the spill file cannot be read
     */
    public WebhookSink build() throws IOException {
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("uri must be http or https, got " + uri);
      }
      if (format == WebhookFormat.PAGERDUTY && routingKey.isEmpty()) {
        throw new IllegalArgumentException("routingKey is required with format pagerduty");
      }
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      if (flushTimeout == null || flushTimeout.isNegative()) {
        throw new IllegalArgumentException(
            "flushTimeout must not be negative, got " + flushTimeout);
      }
      return new WebhookSink(this);
    }
  }
}
