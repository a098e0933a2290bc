package io.isowatch.connectors.webhook;

import io.isowatch.connectors.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a webhook receiver checks to know a request comes from this agent and was not
 * altered or replayed: {@code sha256=} and the lower-case hex HMAC-SHA256, keyed by the shared
 * secret, of {@code <timestamp>.<body>}, where the timestamp (epoch seconds) is sent in {@value
 * #TIMESTAMP_HEADER}. A receiver recomputes it and rejects stale timestamps.
 */
public final class HmacSignature {
  public static final String SIGNATURE_HEADER = "X-Isowatch-Signature";
  public static final String TIMESTAMP_HEADER = "X-Isowatch-Timestamp";
  public static final String ALGORITHM = "HmacSHA256";

  private HmacSignature() {}

  /** The value of {@value #SIGNATURE_HEADER} for this body sent at {@code epochSeconds}. */
  public static String sign(Secret key, long epochSeconds, String body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key.bytes(), ALGORITHM));
      byte[] digest = mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + ALGORITHM, e);
    }
  }
}
