package io.isowatch.connectors.http;

import io.isowatch.connectors.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Checks an {@code Authorization} header against the expected token. The scheme name is
 * case-insensitive (RFC 7235 section 2.1), so {@code bearer} and {@code BEARER} are the same
 * scheme; the token itself is compared in constant time.
 */
final class BearerToken {
  private static final String SCHEME = "Bearer";

  private final Secret token;

  BearerToken(Secret token) {
    this.token = Objects.requireNonNull(token, "token");
  }

  boolean matches(String header) {
    if (header == null
        || header.length() <= SCHEME.length()
        || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
        || header.charAt(SCHEME.length()) != ' ') {
      return false;
    }
    byte[] given = header.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token.bytes());
  }
}
