package io.isowatch.connectors.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Posts a JSON body and sorts the answer into an {@link Outcome}: 2xx delivered; 408, 429 and 5xx,
 * a timeout or a connection failure retried; any other status rejected for good, with the beginning
 * of the receiver's answer in the reason.
 */
public final class HttpPost {
  private static final int ANSWER_SHOWN = 200;

  private final HttpClient client;
  private final Duration timeout;

  public HttpPost(HttpClient client, Duration timeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  public Outcome post(URI uri, String body, Map<String, String> headers)
      throws InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return new Outcome.Retry("no answer from " + uri + " within " + timeout);
    } catch (IOException e) {
      return new Outcome.Retry("cannot reach " + uri + ": " + e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Outcome.Delivered();
    }
    String answer = response.body() == null ? "" : response.body().strip();
    if (answer.length() > ANSWER_SHOWN) {
      answer = answer.substring(0, ANSWER_SHOWN) + "...";
    }
    String reason = uri + " answered " + status + (answer.isEmpty() ? "" : ": " + answer);
    if (status == 408 || status == 429 || status >= 500) {
      return new Outcome.Retry(reason);
    }
    return new Outcome.Rejected(reason);
  }
}
