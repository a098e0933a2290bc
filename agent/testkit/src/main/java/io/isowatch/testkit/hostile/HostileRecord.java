package io.isowatch.testkit.hostile;

import java.nio.charset.StandardCharsets;

/**
 * One record of the {@link HostileCorpus}.
 *
 * @param index its position in the corpus, which is the order it is sent in
 * @param kind what it is, and so what must become of it
 * @param payload the bytes sent: one line (without its line break), one message, one POST body
 * @param tag text in the payload that no other record's payload holds (a line sent twice shares it
 *     on purpose): a dead letter that keeps the received text holds it
 * @param marker text in the observation's rendering ({@code feed=... time=... value=...}) that no
 *     other record's holds: a dead letter that keeps the decoded observation holds it
 */
public record HostileRecord(
    int index, HostileKind kind, byte[] payload, String tag, String marker) {
  /** Whether {@code original}, a dead letter's, is this record's, as received or as decoded. */
  public boolean isOriginalOf(String original) {
    return original.contains(tag) || original.contains(marker);
  }

  /** The payload as a string, bytes that are not UTF-8 replaced (for a transport of strings). */
  public String text() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    String text = text();
    return "#"
        + index
        + " "
        + kind
        + " "
        + (text.length() > 80 ? text.substring(0, 80) + "..." : text);
  }
}
