package io.isowatch.testkit.hostile;

import java.nio.charset.StandardCharsets;

/**
 * One record of the {@link HostileCorpus}.
 *
 * @param index its position in the corpus, which is the order it is sent in
 * @param kind what it is, and so what must become of it
 * @param payload the bytes sent: one line (without its line break), one message, one POST body
 * @param marker text that the original of its dead letter holds, and no other record's does
 *     (records that share it, a line sent twice, share it on purpose)
 */
public record HostileRecord(int index, HostileKind kind, byte[] payload, String marker) {
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
