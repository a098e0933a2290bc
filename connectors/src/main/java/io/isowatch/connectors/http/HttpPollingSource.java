package io.isowatch.connectors.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isowatch.connectors.delivery.Backoff;
import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.tls.TlsSettings;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Polls a JSON endpoint (a price or energy API) and emits the observations its answer holds.
 *
 * <pre>{@code
 * // {"data": [{"zone": "FR", "ts": "2025-06-01T12:00:00Z", "price": 81.2}, ...]}
 * HttpPollingSource prices = HttpPollingSource.builder(URI.create("https://api.example.com/prices"))
 *     .interval(Duration.ofMinutes(5))
 *     .records("$.data[*]").feedPath("$.zone").timePath("$.ts").valuePath("$.price")
 *     .bearerToken(Secret.fromEnv("PRICES_TOKEN"))
 *     .build();
 * }</pre>
 *
 * <p><b>Selection.</b> {@code records} ({@link JsonPath}, default {@code $}) picks the records of
 * an answer; in each, {@code feedPath}, {@code timePath} and {@code valuePath} pick the fields,
 * which are then read by {@link ObservationJson} (times as ISO-8601 text or epoch milliseconds,
 * values as numbers or numeric text). Without {@code feedPath} every record belongs to the fixed
 * {@code feed}; without {@code timePath} a record's time is when the answer arrived. A record that
 * cannot be read becomes a {@link SourceEvent.Malformed} with the record as its original, and so
 * does an answer that is not JSON or is larger than {@code maxBodyBytes}.
 *
 * <p><b>Politeness.</b> One request every {@code interval}. The answer's {@code ETag} and {@code
 * Last-Modified} are sent back as {@code If-None-Match} and {@code If-Modified-Since}; a 304 emits
 * nothing. A record dated at or before the newest time already emitted for its feed is skipped as
 * already seen (counted in {@link #stats()}), so polling a document that only grows emits each
 * observation once; that memory holds at most {@code maxFeeds} feeds (the least recent is forgotten
 * first). An error (no connection, a timeout, a status other than 200 and 304) is logged and
 * counted, and the next request waits twice as long as the previous one, up to {@code maxBackoff},
 * until a request succeeds.
 */
public final class HttpPollingSource implements ObservationSource {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(10);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_BODY_BYTES = 8 << 20;
  public static final int DEFAULT_MAX_FEEDS = 10_000;
  public static final String DEFAULT_RECORDS = "$";
  public static final String DEFAULT_TIME_PATH = "$.time";
  public static final String DEFAULT_VALUE_PATH = "$.value";
  public static final String DEFAULT_FEED_PATH = "$.feed";

  private static final System.Logger LOG = System.getLogger(HttpPollingSource.class.getName());
  private static final JsonMapper MAPPER = new JsonMapper();
  private static final int ORIGINAL_KEPT = 1024;

  /**
   * Counts since {@link #run} started.
   *
   * @param requests requests sent
   * @param notModified answers 304
   * @param errors failed requests (no answer, or a status other than 200 and 304)
   * @param emitted observations emitted
   * @param alreadySeen records skipped as not newer than their feed's last emitted time
   * @param malformed records or answers that could not be read
   */
  public record Stats(
      long requests,
      long notModified,
      long errors,
      long emitted,
      long alreadySeen,
      long malformed) {}

  private final URI uri;
  private final Duration interval;
  private final JsonPath records;
  private final Optional<JsonPath> feedPath;
  private final Optional<String> feed;
  private final Optional<JsonPath> timePath;
  private final JsonPath valuePath;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final int maxBodyBytes;
  private final int maxFeeds;
  private final Duration maxBackoff;
  private final Clock clock;
  private final HttpClient client;
  private final ObservationJson codec = ObservationJson.defaults();
  private final Object sleeper = new Object();
  private final LinkedHashMap<String, Instant> lastEmitted;

  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong notModified = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong emitted = new AtomicLong();
  private final AtomicLong alreadySeen = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private volatile boolean closed;
  private String etag;
  private String lastModified;

  private HttpPollingSource(Builder builder) {
    this.uri = builder.uri;
    this.interval = builder.interval;
    this.records = JsonPath.parse(builder.records);
    this.feed = builder.feed;
    this.feedPath =
        builder.feed.isPresent() && builder.feedPath.isEmpty()
            ? Optional.empty()
            : Optional.of(JsonPath.parse(builder.feedPath.orElse(DEFAULT_FEED_PATH)));
    this.timePath = builder.timePath.map(JsonPath::parse);
    this.valuePath = JsonPath.parse(builder.valuePath);
    Map<String, String> headers = new LinkedHashMap<>(builder.headers);
    builder.bearerToken.ifPresent(
        token -> headers.put("Authorization", "Bearer " + token.reveal()));
    this.headers = Map.copyOf(headers);
    this.timeout = builder.timeout;
    this.maxBodyBytes = builder.maxBodyBytes;
    this.maxFeeds = builder.maxFeeds;
    this.maxBackoff = builder.maxBackoff;
    this.clock = builder.clock;
    HttpClient.Builder client =
        HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL);
    builder.tls.ifPresent(tls -> client.sslContext(tls.context()));
    this.client = client.build();
    this.lastEmitted = new LinkedHashMap<>(16, 0.75f, true);
  }

  public static Builder builder(URI uri) {
    return new Builder(uri);
  }

  @Override
  public void run(Consumer<SourceEvent> downstream) throws Exception {
    Backoff backoff =
        new Backoff(interval, maxBackoff.compareTo(interval) < 0 ? interval : maxBackoff);
    while (!closed) {
      Duration wait;
      if (pollOnce(downstream)) {
        if (backoff.failures() > 0) {
          LOG.log(Level.INFO, "{0} answers again after {1} failure(s)", uri, backoff.failures());
        }
        backoff.succeeded();
        wait = interval;
      } else {
        wait = backoff.failed();
      }
      synchronized (sleeper) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!closed) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          sleeper.wait(Math.max(1, left / 1_000_000));
        }
      }
    }
  }

  /** One request; false when it failed. */
  private boolean pollOnce(Consumer<SourceEvent> downstream) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    request.header("Accept", "application/json");
    headers.forEach(request::header);
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    if (lastModified != null) {
      request.header("If-Modified-Since", lastModified);
    }
    requests.incrementAndGet();
    HttpResponse<InputStream> response;
    byte[] body;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        body = in.readNBytes(maxBodyBytes + 1);
      }
    } catch (IOException e) {
      return failed("GET " + uri + " failed: " + e);
    }
    int status = response.statusCode();
    if (status == 304) {
      notModified.incrementAndGet();
      return true;
    }
    if (status != 200) {
      String answer = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
      return failed("GET " + uri + " answered " + status + ": " + answer.strip());
    }
    response.headers().firstValue("ETag").ifPresent(value -> etag = value);
    response.headers().firstValue("Last-Modified").ifPresent(value -> lastModified = value);
    Instant arrival = clock.instant();
    if (body.length > maxBodyBytes) {
      reject(
          downstream,
          RejectionReason.UNPARSABLE,
          feed,
          new String(body, 0, ORIGINAL_KEPT, StandardCharsets.UTF_8) + "...",
          "answer is over the limit of " + maxBodyBytes + " bytes",
          arrival);
      return true;
    }
    JsonNode answer;
    try {
      answer = MAPPER.readTree(body);
    } catch (IOException e) {
      String text = new String(body, StandardCharsets.UTF_8);
      reject(
          downstream,
          RejectionReason.UNPARSABLE,
          feed,
          shorten(text),
          "answer is not JSON: " + (e instanceof JacksonException j ? j.getOriginalMessage() : e),
          arrival);
      return true;
    }
    for (JsonNode record : records.select(answer)) {
      emit(downstream, record, arrival);
    }
    return true;
  }

  private void emit(Consumer<SourceEvent> downstream, JsonNode record, Instant arrival) {
    ObjectNode flat = MAPPER.createObjectNode();
    if (feedPath.isPresent()) {
      JsonNode node = feedPath.get().first(record);
      if (node != null) {
        flat.set(ObservationJson.DEFAULT_FEED_FIELD, node);
      }
    }
    if (timePath.isPresent()) {
      JsonNode node = timePath.get().first(record);
      if (node != null) {
        flat.set(ObservationJson.DEFAULT_TIME_FIELD, node);
      }
    } else {
      flat.put(ObservationJson.DEFAULT_TIME_FIELD, arrival.toString());
    }
    JsonNode value = valuePath.first(record);
    if (value != null) {
      flat.set(ObservationJson.DEFAULT_VALUE_FIELD, value);
    }
    ObservationJson.Decoded decoded = codec.decode(flat.toString(), feed);
    if (decoded instanceof ObservationJson.Decoded.Invalid invalid) {
      String detail =
          invalid
              .detail()
              .replace(
                  "field " + ObservationJson.DEFAULT_FEED_FIELD,
                  "feed " + feedPath.map(Object::toString).orElse("feed"))
              .replace(
                  "field " + ObservationJson.DEFAULT_TIME_FIELD,
                  "time " + timePath.map(Object::toString).orElse(""))
              .replace("field " + ObservationJson.DEFAULT_VALUE_FIELD, "value " + valuePath);
      reject(
          downstream,
          invalid.reason(),
          invalid.feedId(),
          shorten(record.toString()),
          detail,
          arrival);
      return;
    }
    Observation observation = ((ObservationJson.Decoded.Valid) decoded).observation();
    if (timePath.isPresent() && !newer(observation)) {
      alreadySeen.incrementAndGet();
      return;
    }
    emitted.incrementAndGet();
    downstream.accept(new SourceEvent.Parsed(observation));
  }

  /** Whether the observation is newer than its feed's last emitted one; remembers it if so. */
  private boolean newer(Observation observation) {
    Instant last = lastEmitted.get(observation.feedId());
    if (last != null && !observation.eventTime().isAfter(last)) {
      return false;
    }
    lastEmitted.put(observation.feedId(), observation.eventTime());
    if (lastEmitted.size() > maxFeeds) {
      lastEmitted.remove(lastEmitted.keySet().iterator().next());
    }
    return true;
  }

  private void reject(
      Consumer<SourceEvent> downstream,
      RejectionReason reason,
      Optional<String> feedId,
      String original,
      String detail,
      Instant at) {
    malformed.incrementAndGet();
    downstream.accept(
        new SourceEvent.Malformed(
            new Rejection(reason, feedId, original, "GET " + uri + ": " + detail, at)));
  }

  private boolean failed(String reason) {
    long count = errors.incrementAndGet();
    LOG.log(count == 1 ? Level.WARNING : Level.DEBUG, reason + "; backing off");
    return false;
  }

  private static String shorten(String text) {
    return text.length() > ORIGINAL_KEPT ? text.substring(0, ORIGINAL_KEPT) + "..." : text;
  }

  public Stats stats() {
    return new Stats(
        requests.get(),
        notModified.get(),
        errors.get(),
        emitted.get(),
        alreadySeen.get(),
        malformed.get());
  }

  @Override
  public String describe() {
    return "http poll of "
        + uri
        + " every "
        + interval.toString().toLowerCase(Locale.ROOT).substring(2);
  }

  @Override
  public void close() {
    closed = true;
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
  }

  /** Builds an {@link HttpPollingSource}. */
  public static final class Builder {
    private final URI uri;
    private Duration interval = DEFAULT_INTERVAL;
    private String records = DEFAULT_RECORDS;
    private Optional<String> feedPath = Optional.empty();
    private Optional<String> feed = Optional.empty();
    private Optional<String> timePath = Optional.of(DEFAULT_TIME_PATH);
    private String valuePath = DEFAULT_VALUE_PATH;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Optional<Secret> bearerToken = Optional.empty();
    private Optional<TlsSettings> tls = Optional.empty();
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int maxFeeds = DEFAULT_MAX_FEEDS;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Clock clock = Clock.systemUTC();

    private Builder(URI uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** Time between two requests while all goes well. */
    public Builder interval(Duration interval) {
      this.interval = interval;
      return this;
    }

    /** JSON path of the records in an answer, e.g. {@code $.data[*]}. */
    public Builder records(String records) {
      this.records = records;
      return this;
    }

    /** JSON path of a record's feed id, e.g. {@code $.zone}; default {@code $.feed}. */
    public Builder feedPath(String feedPath) {
      this.feedPath = Optional.of(feedPath);
      return this;
    }

    /** The feed of every record (of records without a feed when {@code feedPath} is set too). */
    public Builder feed(String feed) {
      this.feed = Optional.of(feed);
      return this;
    }

    /** JSON path of a record's event time; default {@code $.time}. */
    public Builder timePath(String timePath) {
      this.timePath = Optional.of(timePath);
      return this;
    }

    /** Records have no time: each is dated when the answer arrives. */
    public Builder timeOfArrival() {
      this.timePath = Optional.empty();
      return this;
    }

    /** JSON path of a record's value; default {@code $.value}. */
    public Builder valuePath(String valuePath) {
      this.valuePath = valuePath;
      return this;
    }

    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder bearerToken(Secret bearerToken) {
      this.bearerToken = Optional.of(bearerToken);
      return this;
    }

    public Builder tls(TlsSettings tls) {
      this.tls = Optional.of(tls);
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** Feeds whose last emitted time is remembered, at most. */
    public Builder maxFeeds(int maxFeeds) {
      this.maxFeeds = maxFeeds;
      return this;
    }

    /** The longest wait after repeated errors. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first option at fault
     */
    public HttpPollingSource build() {
      String scheme = uri.getScheme() == null ? "" : uri.getScheme();
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("uri must be http or https, got " + uri);
      }
      if (interval == null || interval.toMillis() < 1) {
        throw new IllegalArgumentException("interval must be at least 1ms, got " + interval);
      }
      if (timeout == null || timeout.toMillis() < 1) {
        throw new IllegalArgumentException("timeout must be at least 1ms, got " + timeout);
      }
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1, got " + maxBodyBytes);
      }
      if (maxFeeds < 1) {
        throw new IllegalArgumentException("maxFeeds must be at least 1, got " + maxFeeds);
      }
      Objects.requireNonNull(maxBackoff, "maxBackoff");
      for (Map.Entry<String, String> path :
          Map.of(
                  "records",
                  records,
                  "valuePath",
                  valuePath,
                  "feedPath",
                  feedPath.orElse(DEFAULT_FEED_PATH),
                  "timePath",
                  timePath.orElse(DEFAULT_TIME_PATH))
              .entrySet()) {
        try {
          JsonPath.parse(path.getValue());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(path.getKey() + ": " + e.getMessage(), e);
        }
      }
      feed.ifPresent(
          f -> {
            if (f.isBlank()) {
              throw new IllegalArgumentException("feed must not be blank");
            }
          });
      return new HttpPollingSource(this);
    }
  }
}
