package io.isowatch.connectors.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A password, token or key read from an environment variable or a file, never from the
 * configuration itself, and never printed: {@link #toString()} names where it came from, not what
 * it is, so a secret that reaches a log or an exception message shows {@code secret from env
 * MQTT_PASSWORD}.
 *
 * <pre>{@code
 * Secret token = Secret.fromEnv("ISOWATCH_PUSH_TOKEN");
 * Secret key = Secret.fromFile(Path.of("/run/secrets/webhook-hmac"));
 * }</pre>
 *
 * A file's content is taken without its trailing line break. Both fail at start, naming the
 * variable or file, when the secret is absent or empty.
 */
public final class Secret {
  private final String value;
  private final String origin;

  private Secret(String value, String origin) {
    this.value = value;
    this.origin = origin;
  }

  /** The value of environment variable {@code name}. */
  public static Secret fromEnv(String name) {
    return fromEnv(name, System.getenv());
  }

  /** The value of {@code name} in {@code environment} (a test's stand-in for the process's). */
  public static Secret fromEnv(String name, Map<String, String> environment) {
    return fromEnv(name, environment::get);
  }

  private static Secret fromEnv(String name, Function<String, String> lookup) {
    Objects.requireNonNull(name, "name");
    String value = lookup.apply(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("environment variable " + name + " is not set or empty");
    }
    return new Secret(value, "env " + name);
  }

  /** The content of {@code file}, without trailing line breaks. */
  public static Secret fromFile(Path file) {
    Objects.requireNonNull(file, "file");
    String value;
    try {
      value = Files.readString(file, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read secret file " + file + ": " + e, e);
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException("secret file " + file + " is empty");
    }
    return new Secret(value, "file " + file);
  }

  /** A secret given in code (tests, or a caller that reads it its own way). */
  public static Secret of(String value, String origin) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("secret from " + origin + " is empty");
    }
    return new Secret(value, Objects.requireNonNull(origin, "origin"));
  }

  /** The secret itself: pass it on to the protocol, never to a log. */
  public String reveal() {
    return value;
  }

  public byte[] bytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** Where it came from, e.g. {@code env ISOWATCH_TOKEN}. */
  public String origin() {
    return origin;
  }

  @Override
  public String toString() {
    return "secret from " + origin;
  }
}
