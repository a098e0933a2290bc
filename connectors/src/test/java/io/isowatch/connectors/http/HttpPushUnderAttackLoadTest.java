package io.isowatch.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.testing.RunningSource;
import io.isowatch.testkit.Await;
import io.isowatch.testkit.FreePort;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Valid clients on loopback, first alone, then while attackers keep opening connections that never
 * finish their headers or bodies. Loops are bounded by counts, not by time. Prints p50/p99 of both
 * phases; asserts only that every valid POST succeeded and none waited as long as the attackers are
 * allowed to hold a connection (the header timeout).
 */
class HttpPushUnderAttackLoadTest {
  private static final String TOKEN = "push-token-5150";
  private static final int CLIENTS = 4;
  private static final int POSTS_PER_CLIENT = 100;
  private static final int ATTACKS_PER_KIND = 150;
  private static final Duration HEADER_TIMEOUT = HttpPushSource.DEFAULT_HEADER_TIMEOUT;

  private final int port = FreePort.pick();
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void validClientsKeepTheirLatencyWhileAttackersHoldConnections() throws Exception {
    HttpPushSource source = HttpPushSource.builder(port).token(Secret.of(TOKEN, "test")).build();
    try (RunningSource running = RunningSource.start(source)) {
      Await.until("listening", Duration.ofSeconds(30), source::listening);
      validPhase(1); // warm-up: JIT and connection pools, not measured

      List<Long> quiet = validPhase(2);

      List<Socket> held = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean attacking = new AtomicBoolean(true);
      AtomicInteger maxPending = new AtomicInteger();
      ExecutorService attackers = Executors.newFixedThreadPool(3);
      List<Future<?>> attacks = new ArrayList<>();
      attacks.add(
          attackers.submit(() -> attack(halfHeaders(), held, attacking, source, maxPending)));
      attacks.add(
          attackers.submit(() -> attack(halfBody(""), held, attacking, source, maxPending)));
      attacks.add(
          attackers.submit(
              () ->
                  attack(
                      halfBody("Authorization: Bearer " + TOKEN + "\r\n"),
                      held,
                      attacking,
                      source,
                      maxPending)));
      Await.until("attackers holding", Duration.ofSeconds(30), () -> held.size() >= 64);
      List<Long> attacked;
      try {
        attacked = validPhase(3);
      } finally {
        attacking.set(false);
        for (Future<?> attack : attacks) {
          attack.get();
        }
        attackers.shutdown();
        synchronized (held) {
          for (Socket socket : held) {
            socket.close();
          }
        }
      }

      String figures =
          String.format(
              Locale.ROOT,
              "push latency over %d POSTs: without attackers p50 %.1f ms p99 %.1f ms;"
                  + " with %d attacker connections opened (up to %d unauthenticated at once)"
                  + " p50 %.1f ms p99 %.1f ms; slow connections dropped %d",
              quiet.size(),
              percentile(quiet, 0.50),
              percentile(quiet, 0.99),
              held.size(),
              maxPending.get(),
              percentile(attacked, 0.50),
              percentile(attacked, 0.99),
              source.stats().slowConnectionsDropped());
      System.out.println(figures);
      java.nio.file.Files.writeString(
          java.nio.file.Path.of("target", "push-under-attack.txt"), figures + "\n");

      assertThat(Collections.max(attacked)).isLessThan(HEADER_TIMEOUT.toNanos());
      assertThat(maxPending.get()).isPositive();
      Await.until(
          "every valid line",
          Duration.ofSeconds(60),
          () -> running.observations().size() == 3 * CLIENTS * POSTS_PER_CLIENT,
          running::state);
    }
  }

  /** Every client posts its bodies in turn; returns each POST's latency in nanoseconds. */
  private List<Long> validPhase(int phase) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<List<Long>>> results = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      String feed = "p" + phase + "c" + c;
      results.add(
          clients.submit(
              () -> {
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < POSTS_PER_CLIENT; i++) {
                  HttpRequest request =
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + port + "/observations?feed=" + feed))
                          .header("Authorization", "Bearer " + TOKEN)
                          .POST(HttpRequest.BodyPublishers.ofString(i + "\n"))
                          .build();
                  long start = System.nanoTime();
                  HttpResponse<String> response =
                      client.send(request, HttpResponse.BodyHandlers.ofString());
                  latencies.add(System.nanoTime() - start);
                  assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                }
                return latencies;
              }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> result : results) {
      all.addAll(result.get());
    }
    clients.shutdown();
    return all;
  }

  private Void attack(
      String sent,
      List<Socket> held,
      AtomicBoolean attacking,
      HttpPushSource source,
      AtomicInteger maxPending)
      throws IOException, InterruptedException {
    for (int i = 0; i < ATTACKS_PER_KIND && attacking.get(); i++) {
      Socket socket = new Socket("127.0.0.1", port);
      held.add(socket);
      socket.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      maxPending.accumulateAndGet(source.unauthenticatedConnections(), Math::max);
      Thread.sleep(5);
    }
    return null;
  }

  private static String halfHeaders() {
    return "POST /observations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n";
  }

  private static String halfBody(String authorization) {
    return "POST /observations?feed=x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + authorization
        + "Content-Length: 100000\r\n\r\n1\n2\n";
  }

  private static double percentile(List<Long> nanos, double p) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1e6;
  }
}
