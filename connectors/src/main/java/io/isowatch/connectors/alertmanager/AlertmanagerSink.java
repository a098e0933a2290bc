package io.isowatch.connectors.alertmanager;

import io.isowatch.connectors.delivery.AlertKeys;
import io.isowatch.connectors.delivery.DeliveryQueue;
import io.isowatch.connectors.delivery.Envelope;
import io.isowatch.connectors.delivery.HttpPost;
import io.isowatch.connectors.delivery.Outcome;
import io.isowatch.connectors.delivery.QueuedSinkBuilder;
import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.tls.TlsSettings;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.io.AlertSink;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends alerts to Prometheus Alertmanager through its v2 API ({@code POST /api/v2/alerts}), so they
 * are grouped, silenced, inhibited and routed like any other alert.
 *
 * <pre>{@code
 * AlertmanagerSink sink = AlertmanagerSink.builder(URI.create("http://alertmanager:9093"))
 *     .label("team", "forecasting")
 *     .spillFile(Path.of("state/alertmanager-spill.jsonl"))
 *     .build();
 * }</pre>
 *
 * <p>{@link AlertmanagerPayload} maps labels and annotations. A firing alert is sent again every
 * {@code resendInterval} (default {@value #DEFAULT_RESEND_SECONDS} s) while it is open, as
 * Prometheus does, so that Alertmanager does not time it out (its {@code resolve_timeout}, 5 min by
 * default, must be longer); its RESOLVED message ends it at once. Resends are skipped while earlier
 * messages are still waiting for Alertmanager. At most {@code maxOpenAlerts} open alerts are
 * remembered for resending (the oldest is forgotten past that, with a warning; its resolution is
 * still sent).
 *
 * <p>Delivery goes through a {@link DeliveryQueue}: in order, retried with backoff, spilled to the
 * spill file instead of dropped, replayed at start. Thread-safe.
 */
public final class AlertmanagerSink implements AlertSink {
  public static final long DEFAULT_RESEND_SECONDS = 60;
  public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofSeconds(DEFAULT_RESEND_SECONDS);
  public static final int DEFAULT_MAX_OPEN_ALERTS = 10_000;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_FLUSH_TIMEOUT = QueuedSinkBuilder.DEFAULT_FLUSH_TIMEOUT;
  static final String ALERTS_PATH = "api/v2/alerts";

  private static final System.Logger LOG = System.getLogger(AlertmanagerSink.class.getName());

  /** What is kept of an open alert to resend it. */
  private record Open(Alert alert, Instant startsAt) {}

  private final URI alertsUri;
  private final Map<String, String> labels;
  private final Optional<URI> generatorUrl;
  private final Map<String, String> headers;
  private final int maxOpenAlerts;
  private final Duration flushTimeout;
  private final HttpPost post;
  private final DeliveryQueue queue;
  private final ScheduledExecutorService resender;
  private final LinkedHashMap<String, Open> open = new LinkedHashMap<>();

  private AlertmanagerSink(Builder builder) throws IOException {
    String base = builder.uri.toString();
    this.alertsUri = URI.create(base.endsWith("/") ? base + ALERTS_PATH : base + "/" + ALERTS_PATH);
    this.labels = Map.copyOf(builder.labels);
    this.generatorUrl = builder.generatorUrl;
    Map<String, String> headers = new LinkedHashMap<>();
    builder.bearerToken.ifPresent(
        token -> headers.put("Authorization", "Bearer " + token.reveal()));
    this.headers = Map.copyOf(headers);
    this.maxOpenAlerts = builder.maxOpenAlerts;
    this.flushTimeout = builder.flushTimeout();
    HttpClient.Builder client =
        HttpClient.newBuilder()
            .connectTimeout(builder.timeout)
            .version(HttpClient.Version.HTTP_1_1);
    builder.tls.ifPresent(tls -> client.sslContext(tls.context()));
    this.post = new HttpPost(client.build(), builder.timeout);
    this.queue = builder.queue("alertmanager " + builder.uri.getAuthority(), this::deliver).build();
    this.resender =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "isowatch-alertmanager-resend");
              thread.setDaemon(true);
              return thread;
            });
    long every = builder.resendInterval.toMillis();
    resender.scheduleWithFixedDelay(this::resendOpen, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * @param uri Alertmanager's base address, e.g. {@code http://127.0.0.1:9093}
   */
  public static Builder builder(URI uri) {
    return new Builder(uri);
  }

  /** Queues the alert; returns at once. */
  @Override
  public void send(Alert alert) throws IOException {
    synchronized (open) {
      Open known = open.get(alert.id());
      Instant startsAt = known != null ? known.startsAt() : alert.raisedAt();
      if (alert.state() == AlertState.FIRING) {
        open.put(alert.id(), new Open(alert, startsAt));
        if (open.size() > maxOpenAlerts) {
          String oldest = open.keySet().iterator().next();
          open.remove(oldest);
          LOG.log(
              Level.WARNING,
              "more than {0} open alerts: {1} will no longer be resent",
              maxOpenAlerts,
              oldest);
        }
      } else {
        open.remove(alert.id());
      }
      queue.offer(envelope(alert, startsAt));
    }
  }

  /** Waits up to {@code flushTimeout} for the queued alerts to be delivered. */
  @Override
  public void flush() throws InterruptedException {
    queue.flush(flushTimeout);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    resender.shutdownNow();
    queue.close();
  }

  public DeliveryQueue.Stats stats() {
    return queue.stats();
  }

  /** Open alerts remembered for resending. */
  public int openAlerts() {
    synchronized (open) {
      return open.size();
    }
  }

  private Envelope envelope(Alert alert, Instant startsAt) {
    return new Envelope(
        AlertKeys.idempotencyKey(alert),
        AlertmanagerPayload.body(alert, startsAt, labels, generatorUrl));
  }

  private void resendOpen() {
    DeliveryQueue.Stats stats = queue.stats();
    if (stats.inMemory() > 0 || stats.inSpillFile() > 0) {
      return; // Alertmanager has not taken the last messages yet; resending would only pile up
    }
    synchronized (open) {
      try {
        for (Open alert : List.copyOf(open.values())) {
          queue.offer(envelope(alert.alert(), alert.startsAt()));
        }
      } catch (IOException | IllegalStateException e) {
        LOG.log(Level.WARNING, "cannot queue the resend of open alerts: " + e.getMessage());
      }
    }
  }

  private Outcome deliver(Envelope envelope) throws InterruptedException {
    return post.post(alertsUri, envelope.body(), headers);
  }

  @Override
  public String toString() {
    return "alertmanager at " + alertsUri;
  }

  /** Builds an {@link AlertmanagerSink}; the spill file is required. */
  public static final class Builder extends QueuedSinkBuilder<Builder> {
    private final URI uri;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private Optional<URI> generatorUrl = Optional.empty();
    private Optional<Secret> bearerToken = Optional.empty();
    private Optional<TlsSettings> tls = Optional.empty();
    private Duration resendInterval = DEFAULT_RESEND_INTERVAL;
    private int maxOpenAlerts = DEFAULT_MAX_OPEN_ALERTS;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder(URI uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** An extra label on every alert, e.g. {@code team=forecasting}. */
    public Builder label(String name, String value) {
      labels.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The link Alertmanager shows as the alert's source, e.g. the agent's dashboard. */
    public Builder generatorUrl(URI generatorUrl) {
      this.generatorUrl = Optional.of(generatorUrl);
      return this;
    }

    /** Sent as {@code Authorization: Bearer ...}, for an Alertmanager behind a proxy. */
    public Builder bearerToken(Secret bearerToken) {
      this.bearerToken = Optional.of(bearerToken);
      return this;
    }

    public Builder tls(TlsSettings tls) {
      this.tls = Optional.of(tls);
      return this;
    }

    /** How often open alerts are sent again; shorter than Alertmanager's resolve_timeout. */
    public Builder resendInterval(Duration resendInterval) {
      this.resendInterval = resendInterval;
      return this;
    }

    public Builder maxOpenAlerts(int maxOpenAlerts) {
      this.maxOpenAlerts = maxOpenAlerts;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the option at fault
     * @throws IOException if the spill file cannot be read
     */
    public AlertmanagerSink build() throws IOException {
      String scheme = uri.getScheme() == null ? "" : uri.getScheme();
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("uri must be http or https, got " + uri);
      }
      if (resendInterval == null || resendInterval.toMillis() < 1) {
        throw new IllegalArgumentException(
            "resendInterval must be at least 1ms, got " + resendInterval);
      }
      if (maxOpenAlerts < 1) {
        throw new IllegalArgumentException(
            "maxOpenAlerts must be at least 1, got " + maxOpenAlerts);
      }
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      for (String reserved : List.of("alertname", "feed", "severity", "alert_id")) {
        if (labels.containsKey(reserved)) {
          throw new IllegalArgumentException(
              "labels: " + reserved + " is set by the sink and cannot be given");
        }
      }
      return new AlertmanagerSink(this);
    }
  }
}
