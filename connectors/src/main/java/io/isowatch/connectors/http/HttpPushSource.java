package io.isowatch.connectors.http;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.connectors.json.PayloadDecoder;
import io.isowatch.connectors.json.PayloadFormat;
import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.tls.TlsSettings;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

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
 * token (scheme case-insensitive, token compared in constant time), before any of the body is read,
 * and the connection is closed; 405 for a method other than POST; 413 for a body over {@code
 * maxBodyBytes}, nothing taken; 408 for a body not received within {@code bodyTimeout}, nothing
 * taken; 503 with {@code Retry-After} when the engine is behind: a request waits at most {@code
 * offerTimeout} in all for room in the buffer, then the answer's {@code accepted} + {@code
 * rejected} counts the lines taken and the client resends the rest.
 *
 * <p><b>Slow and hostile clients.</b> The server is Jetty: reads are non-blocking, so a client that
 * sends slowly holds a connection, never a thread. A connection must complete the headers of a
 * request with a valid token within {@code headerTimeout} of opening; at most {@code
 * maxUnauthenticatedConnections} such connections are kept, the oldest closed beyond that ({@link
 * UnauthenticatedConnections}). A body must arrive whole within {@code bodyTimeout}, and a
 * connection with no byte for {@code idleTimeout} is closed (Jetty's idle timeout).
 *
 * <p>Bare numbers are dated at their arrival, each one {@link ArrivalClock#STEP} after the previous
 * if the clock has not moved, so the numbers of one body are distinct observations.
 *
 * <p>{@link #close()} stops taking requests; the lines already accepted are still handed to the
 * engine before {@link #run} returns.
 *
 * <p><b>Memory.</b> At most {@code bufferCapacity} events wait for the engine, bodies are read up
 * to {@code maxBodyBytes}, and at most {@value #MAX_THREADS} threads serve requests. With {@link
 * Builder#tls} the endpoint is HTTPS (the settings' key store holds the server's key and
 * certificate).
 */
public final class HttpPushSource implements ObservationSource {
  public static final String DEFAULT_PATH = "/observations";
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
  public static final int DEFAULT_BUFFER_CAPACITY = 4096;
  public static final Duration DEFAULT_OFFER_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_UNAUTHENTICATED_CONNECTIONS = 64;
  static final int ERRORS_SHOWN = 10;
  static final int MAX_THREADS = 16;

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
   * @param busy requests answered 503 because the engine was behind
   * @param slowConnectionsDropped connections closed for not authenticating in time, or to make
   *     room under the cap of unauthenticated connections, or for a body not received in time
   */
  public record Stats(
      long requests,
      long unauthorized,
      long tooLarge,
      long accepted,
      long rejected,
      long busy,
      long slowConnectionsDropped) {}

  private final String host;
  private final int port;
  private final String path;
  private final BearerToken token;
  private final Optional<TlsSettings> tls;
  private final int maxBodyBytes;
  private final Duration offerTimeout;
  private final Duration headerTimeout;
  private final Duration bodyTimeout;
  private final Duration idleTimeout;
  private final int maxUnauthenticatedConnections;
  private final PayloadDecoder decoder;
  private final ArrivalClock arrivals;
  private final BlockingQueue<SourceEvent> buffer;

  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong unauthorized = new AtomicLong();
  private final AtomicLong tooLarge = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong busy = new AtomicLong();
  private final AtomicLong slowBodies = new AtomicLong();
  private volatile UnauthenticatedConnections unauthenticated;
  private volatile boolean closed;
  private volatile boolean listening;

  private HttpPushSource(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.path = builder.path;
    this.token = new BearerToken(builder.token);
    this.tls = builder.tls;
    this.maxBodyBytes = builder.maxBodyBytes;
    this.offerTimeout = builder.offerTimeout;
    this.headerTimeout = builder.headerTimeout;
    this.bodyTimeout = builder.bodyTimeout;
    this.idleTimeout = builder.idleTimeout;
    this.maxUnauthenticatedConnections = builder.maxUnauthenticatedConnections;
    this.decoder = new PayloadDecoder(builder.codec, builder.format, builder.maxBodyBytes);
    this.arrivals = new ArrivalClock(builder.clock);
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
    Server server = startServer();
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
      server.stop();
      for (SourceEvent event = buffer.poll(); event != null; event = buffer.poll()) {
        downstream.accept(event);
      }
    } finally {
      closed = true;
      listening = false;
      server.stop();
    }
  }

  private Server startServer() throws IOException {
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
    threads.setName("isowatch-push");
    threads.setDaemon(true);
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
    ServerConnector connector;
    if (tls.isPresent()) {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setSslContext(tls.get().context());
      connector =
          new ServerConnector(
              server, 1, 1, new SslConnectionFactory(ssl, httpFactory.getProtocol()), httpFactory);
    } else {
      connector = new ServerConnector(server, 1, 1, httpFactory);
    }
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(idleTimeout.toMillis());
    unauthenticated =
        new UnauthenticatedConnections(
            maxUnauthenticatedConnections, headerTimeout, connector.getScheduler());
    connector.addBean(unauthenticated);
    server.addConnector(connector);
    server.setHandler(new PushHandler());
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // the start's failure is the one to report
      }
      throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return server;
  }

  /** Connections open now that have not yet shown a valid token. */
  public int unauthenticatedConnections() {
    UnauthenticatedConnections connections = unauthenticated;
    return connections == null ? 0 : connections.pending();
  }

  /** Whether the endpoint is up (between the start of {@link #run} and its end). */
  public boolean listening() {
    return listening;
  }

  /** Checks the request's headers, then reads its body without holding a thread. */
  private final class PushHandler extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      if (!path.equals(Request.getPathInContext(request))) {
        return false; // Jetty answers 404
      }
      requests.incrementAndGet();
      if (!token.matches(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
        unauthorized.incrementAndGet();
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        closeAfter(response); // the body is never read: the connection cannot be reused
        answer(response, callback, 401, error("missing or wrong bearer token"));
        return true;
      }
      unauthenticated.authenticated(request.getConnectionMetaData().getConnection());
      if (!"POST".equals(request.getMethod())) {
        response.getHeaders().put(HttpHeader.ALLOW, "POST");
        answer(response, callback, 405, error("use POST with a body of JSON lines"));
        return true;
      }
      if (request.getLength() > maxBodyBytes) {
        tooLarge();
        closeAfter(response);
        answer(response, callback, 413, overTheLimit());
        return true;
      }
      Optional<String> feed = feedParameter(request.getHttpURI().getQuery());
      Content.Source.asByteArrayAsync(request, maxBodyBytes)
          .orTimeout(bodyTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete(
              (body, failure) -> {
                try {
                  if (failure == null) {
                    take(response, callback, new String(body, StandardCharsets.UTF_8), feed);
                  } else {
                    refuseBody(response, callback, failure);
                  }
                } catch (RuntimeException e) {
                  callback.failed(e);
                }
              });
      return true;
    }
  }

  private void refuseBody(Response response, Callback callback, Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    closeAfter(response);
    if (cause instanceof TimeoutException) {
      slowBodies.incrementAndGet();
      answer(
          response,
          callback,
          408,
          error("body not received within " + bodyTimeout.toMillis() + " ms, nothing taken"));
    } else if (cause instanceof IllegalArgumentException) {
      tooLarge(); // a chunked body that grew past the limit
      answer(response, callback, 413, overTheLimit());
    } else {
      callback.failed(cause); // the connection failed: there is no one to answer
    }
  }

  private void take(Response response, Callback callback, String body, Optional<String> feed) {
    long deadline = System.nanoTime() + offerTimeout.toNanos();
    int taken = 0;
    int bad = 0;
    ArrayNode errors = MAPPER.createArrayNode();
    String[] lines = body.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      SourceEvent event = decoder.decode(lines[i], "line " + (i + 1), feed, arrivals.next());
      if (closed || !offer(event, deadline)) {
        busy.incrementAndGet();
        ObjectNode answer = counts(taken, bad, errors);
        answer.put("error", "busy: lines from line " + (i + 1) + " on were not taken, resend them");
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        answer(response, callback, 503, answer);
        return;
      }
      if (event instanceof SourceEvent.Malformed malformed) {
        bad++;
        rejected.incrementAndGet();
        if (errors.size() < ERRORS_SHOWN) {
          errors.add(malformed.rejection().detail());
        }
      } else {
        taken++;
        accepted.incrementAndGet();
      }
    }
    answer(response, callback, 200, counts(taken, bad, errors));
  }

  /** Waits for room until the request's one deadline, so a slow engine gets a 503, not a hang. */
  private boolean offer(SourceEvent event, long deadline) {
    try {
      return buffer.offer(event, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void tooLarge() {
    tooLarge.incrementAndGet();
  }

  private ObjectNode overTheLimit() {
    return error("body is over the limit of " + maxBodyBytes + " bytes");
  }

  private static void closeAfter(Response response) {
    response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
  }

  private static ObjectNode counts(int taken, int bad, ArrayNode errors) {
    ObjectNode answer = MAPPER.createObjectNode();
    answer.put("accepted", taken);
    answer.put("rejected", bad);
    answer.set("errors", errors);
    return answer;
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

  private static void answer(Response response, Callback callback, int status, ObjectNode json) {
    byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  public Stats stats() {
    UnauthenticatedConnections connections = unauthenticated;
    return new Stats(
        requests.get(),
        unauthorized.get(),
        tooLarge.get(),
        accepted.get(),
        rejected.get(),
        busy.get(),
        slowBodies.get() + (connections == null ? 0 : connections.dropped()));
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
    private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
    private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private int maxUnauthenticatedConnections = DEFAULT_MAX_UNAUTHENTICATED_CONNECTIONS;
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

    /** How long a request waits in all for room in the buffer before answering 503. */
    public Builder offerTimeout(Duration offerTimeout) {
      this.offerTimeout = offerTimeout;
      return this;
    }

    /** How soon after opening a connection must complete an authenticated request's headers. */
    public Builder headerTimeout(Duration headerTimeout) {
      this.headerTimeout = headerTimeout;
      return this;
    }

    /** How long a body may take to arrive whole once its headers were accepted. */
    public Builder bodyTimeout(Duration bodyTimeout) {
      this.bodyTimeout = bodyTimeout;
      return this;
    }

    /** How long a connection may stay without a byte in either direction. */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    /** Connections kept before one shows a valid token; beyond it the oldest is closed. */
    public Builder maxUnauthenticatedConnections(int maxUnauthenticatedConnections) {
      this.maxUnauthenticatedConnections = maxUnauthenticatedConnections;
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
      positive("headerTimeout", headerTimeout);
      positive("bodyTimeout", bodyTimeout);
      positive("idleTimeout", idleTimeout);
      if (maxUnauthenticatedConnections < 1) {
        throw new IllegalArgumentException(
            "maxUnauthenticatedConnections must be at least 1, got "
                + maxUnauthenticatedConnections);
      }
      new PayloadDecoder(codec, format, maxBodyBytes); // validates maxBodyBytes
      return new HttpPushSource(this);
    }

    private static void positive(String name, Duration duration) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + duration);
      }
    }
  }
}
