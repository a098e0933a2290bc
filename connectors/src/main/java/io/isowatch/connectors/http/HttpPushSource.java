package io.isowatch.connectors.http;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.connectors.json.PayloadDecoder;
import io.isowatch.connectors.json.PayloadFormat;
import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.tls.TlsSettings;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An HTTP endpoint that producers push observations to: {@code POST} a body of JSON lines (or bare
 * numbers with {@code ?feed=NAME}), authenticated by a bearer token.
 *
 * <pre>{@code
 * HttpPushSource push = HttpPushSource.builder(8080)
 *     .token(Secret.fromEnv("ISOWATCH_PUSH_TOKEN"))
 *     .build();
 * // curl -H "Authorization: Bearer $ISOWATCH_PUSH_TOKEN" --data-binary @feeds.jsonl \
 * //      http://localhost:8080/observations
 * }</pre>
 *
 * <p><b>Answers.</b> 200 with {@code {"accepted": n, "rejected": m, "errors": [...]}} (the first
 * {@value #ERRORS_SHOWN} rejections' details; rejected lines also go to the engine's dead letters
 * as {@link SourceEvent.Malformed}, with {@code line N} in their detail); 401 without the right
 * token (compared in constant time); 405 for a method other than POST; 413 for a body over {@code
 * maxBodyBytes}, nothing taken; 503 with {@code Retry-After} when the engine has not taken a line
 * within {@code offerTimeout}: the answer's {@code accepted} + {@code rejected} counts the lines
 * taken, the client resends the rest.
 *
 * <p>{@link #close()} stops taking requests; the lines already accepted are still handed to the
 * engine before {@link #run} returns.
 *
 * <p><b>Memory.</b> At most {@code bufferCapacity} events wait for the engine, bodies are read up
 * to {@code maxBodyBytes}, and {@value #THREADS} threads serve requests. With {@link Builder#tls}
 * the endpoint is HTTPS (the settings' key store holds the server's key and certificate).
 */
public final class HttpPushSource implements ObservationSource {
  public static final String DEFAULT_PATH = "/observations";
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
  public static final int DEFAULT_BUFFER_CAPACITY = 4096;
  public static final Duration DEFAULT_OFFER_TIMEOUT = Duration.ofSeconds(5);
  static final int ERRORS_SHOWN = 10;
  static final int THREADS = 2;

  private static final JsonMapper MAPPER = new JsonMapper();
  private static final long POLL_MILLIS = 100;

  /**
   * Counts since {@link #run} started.
   *
   * @param requests requests received
   * @param unauthorized requests refused for a missing or wrong token
   * @param tooLarge requests refused for their size
   * @param accepted lines passed on as observations
   * @param rejected lines passed on as malformed
   */
  public record Stats(
      long requests, long unauthorized, long tooLarge, long accepted, long rejected) {}

  private final String host;
  private final int port;
  private final String path;
  private final Secret token;
  private final Optional<TlsSettings> tls;
  private final int maxBodyBytes;
  private final Duration offerTimeout;
  private final PayloadDecoder decoder;
  private final Clock clock;
  private final BlockingQueue<SourceEvent> buffer;

  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong unauthorized = new AtomicLong();
  private final AtomicLong tooLarge = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private volatile boolean closed;
  private volatile boolean listening;

  private HttpPushSource(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.path = builder.path;
    this.token = builder.token;
    this.tls = builder.tls;
    this.maxBodyBytes = builder.maxBodyBytes;
    this.offerTimeout = builder.offerTimeout;
    this.decoder = new PayloadDecoder(builder.codec, builder.format, builder.maxBodyBytes);
    this.clock = builder.clock;
    this.buffer = new ArrayBlockingQueue<>(builder.bufferCapacity);
  }

  /**
   * @param port the port to listen on
   */
  public static Builder builder(int port) {
    return new Builder(port);
  }

  @Override
  public void run(Consumer<SourceEvent> downstream) throws Exception {
    HttpServer server;
    try {
      InetSocketAddress address = new InetSocketAddress(host, port);
      if (tls.isPresent()) {
        HttpsServer https = HttpsServer.create(address, 64);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.get().context()));
        server = https;
      } else {
        server = HttpServer.create(address, 64);
      }
    } catch (IOException e) {
      throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    server.setExecutor(threads);
    server.createContext(path, this::handle);
    server.start();
    listening = true;
    try {
      while (!closed) {
        SourceEvent event = buffer.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (event != null) {
          downstream.accept(event);
        }
      }
      // closed: take no more requests, then hand over what producers were told was accepted
      listening = false;
      server.stop(0);
      for (SourceEvent event = buffer.poll(); event != null; event = buffer.poll()) {
        downstream.accept(event);
      }
    } finally {
      closed = true;
      listening = false;
      server.stop(0);
      threads.shutdownNow();
    }
  }

  /** Whether the endpoint is up (between the start of {@link #run} and its end). */
  public boolean listening() {
    return listening;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        unauthorized.incrementAndGet();
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        answer(exchange, 401, error("missing or wrong bearer token"));
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        answer(exchange, 405, error("use POST with a body of JSON lines"));
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(maxBodyBytes + 1);
      }
      if (body.length > maxBodyBytes) {
        tooLarge.incrementAndGet();
        answer(exchange, 413, error("body is over the limit of " + maxBodyBytes + " bytes"));
        return;
      }
      Optional<String> feed = feedParameter(exchange.getRequestURI().getRawQuery());
      take(exchange, new String(body, StandardCharsets.UTF_8), feed);
    }
  }

  private void take(HttpExchange exchange, String body, Optional<String> feed) throws IOException {
    Instant arrival = clock.instant();
    int taken = 0;
    int bad = 0;
    ArrayNode errors = MAPPER.createArrayNode();
    String[] lines = body.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      SourceEvent event = decoder.decode(lines[i], "line " + (i + 1), feed, arrival);
      boolean malformed = event instanceof SourceEvent.Malformed;
      boolean queued;
      try {
        queued = buffer.offer(event, offerTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        queued = false;
      }
      if (!queued || closed) {
        ObjectNode answer = counts(taken, bad, errors);
        answer.put("error", "busy: lines from line " + (i + 1) + " on were not taken, resend them");
        exchange.getResponseHeaders().set("Retry-After", "1");
        answer(exchange, 503, answer);
        return;
      }
      if (malformed) {
        bad++;
        rejected.incrementAndGet();
        if (errors.size() < ERRORS_SHOWN) {
          errors.add(((SourceEvent.Malformed) event).rejection().detail());
        }
      } else {
        taken++;
        accepted.incrementAndGet();
      }
    }
    answer(exchange, 200, counts(taken, bad, errors));
  }

  private static ObjectNode counts(int taken, int bad, ArrayNode errors) {
    ObjectNode answer = MAPPER.createObjectNode();
    answer.put("accepted", taken);
    answer.put("rejected", bad);
    answer.set("errors", errors);
    return answer;
  }

  private boolean authorized(String header) {
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token.bytes());
  }

  private static Optional<String> feedParameter(String rawQuery) {
    if (rawQuery == null) {
      return Optional.empty();
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("feed=")) {
        String feed = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
        return feed.isBlank() ? Optional.empty() : Optional.of(feed);
      }
    }
    return Optional.empty();
  }

  private static ObjectNode error(String message) {
    return MAPPER.createObjectNode().put("error", message);
  }

  private static void answer(HttpExchange exchange, int status, ObjectNode json)
      throws IOException {
    byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  public Stats stats() {
    return new Stats(
        requests.get(), unauthorized.get(), tooLarge.get(), accepted.get(), rejected.get());
  }

  @Override
  public String describe() {
    return "http push on "
        + (tls.isPresent() ? "https" : "http")
        + "://"
        + host
        + ":"
        + port
        + path;
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Builds an {@link HttpPushSource}; the token is required. */
  public static final class Builder {
    private final int port;
    private String host = DEFAULT_HOST;
    private String path = DEFAULT_PATH;
    private Secret token;
    private Optional<TlsSettings> tls = Optional.empty();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int bufferCapacity = DEFAULT_BUFFER_CAPACITY;
    private Duration offerTimeout = DEFAULT_OFFER_TIMEOUT;
    private ObservationJson codec = ObservationJson.defaults();
    private PayloadFormat format = PayloadFormat.AUTO;
    private Clock clock = Clock.systemUTC();

    private Builder(int port) {
      this.port = port;
    }

    /** The address to listen on; {@code 0.0.0.0} for every interface. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    public Builder path(String path) {
      this.path = Objects.requireNonNull(path, "path");
      return this;
    }

    /** The bearer token producers must send. Required. */
    public Builder token(Secret token) {
      this.token = token;
      return this;
    }

    /** HTTPS with the key store of these settings. */
    public Builder tls(TlsSettings tls) {
      this.tls = Optional.of(tls);
      return this;
    }

    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    public Builder bufferCapacity(int bufferCapacity) {
      this.bufferCapacity = bufferCapacity;
      return this;
    }

    /** How long a request waits for room in the buffer before answering 503. */
    public Builder offerTimeout(Duration offerTimeout) {
      this.offerTimeout = offerTimeout;
      return this;
    }

    public Builder codec(ObservationJson codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    public Builder payloadFormat(PayloadFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first option at fault
     */
    public HttpPushSource build() {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
      }
      if (token == null) {
        throw new IllegalArgumentException("token is required: producers authenticate with it");
      }
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with /, got " + path);
      }
      if (tls.isPresent() && tls.get().keyStore().isEmpty()) {
        throw new IllegalArgumentException("tls needs a key store with the server's certificate");
      }
      if (bufferCapacity < 1) {
        throw new IllegalArgumentException(
            "bufferCapacity must be at least 1, got " + bufferCapacity);
      }
      if (offerTimeout == null || offerTimeout.isNegative()) {
        throw new IllegalArgumentException(
            "offerTimeout must not be negative, got " + offerTimeout);
      }
      new PayloadDecoder(codec, format, maxBodyBytes); // validates maxBodyBytes
      return new HttpPushSource(this);
    }
  }
}
