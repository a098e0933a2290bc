package io.isowatch.testkit.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hostile-input corpus: malformed records, wrong types, non-finite and extreme numbers, huge
 * strings, deep nesting, bytes that are not UTF-8, control characters, extreme and future times,
 * duplicates and a flood of new feeds, interleaved with valid records of two established feeds.
 * Every source and engine test sends the same records in the same order and derives what must
 * become of each from its {@link HostileKind}, through {@link HostileVerdict}.
 *
 * <p>Every record is one line without a line break, so line transports (stdin, files, push bodies)
 * carry it as one record, and at most {@link #MAX_PAYLOAD_BYTES} long, so every message transport
 * (MQTT's default limit is 64 KiB) carries it whole. No record relies on its transport to name its
 * feed: records without a feed field are refused for their missing time or value anyway.
 */
public final class HostileCorpus {
  /** The established feeds, which take the first places under any feed cap. */
  public static final List<String> ESTABLISHED = List.of("hostile-a", "hostile-b");

  /** New feeds in the flood. */
  public static final int FLOOD = 40;

  /** The largest payload, under MQTT's default limit of 64 KiB. */
  public static final int MAX_PAYLOAD_BYTES = 60_000;

  private static final int VALID_PER_FEED = 48;
  private static final Duration STEP = Duration.ofMinutes(1);
  private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("~h[0-9]{4}~");

  private final List<HostileRecord> records;
  private final Instant start;

  private HostileCorpus(List<HostileRecord> records, Instant start) {
    this.records = List.copyOf(records);
    this.start = start;
  }

  /**
   * The corpus for an agent whose clock reads about {@code now}: valid times start a day before it,
   * future ones are hours after it.
   */
  public static HostileCorpus at(Instant now) {
    return new Builder(now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1)), now).build();
  }

  public List<HostileRecord> records() {
    return records;
  }

  /** Records sent. */
  public int size() {
    return records.size();
  }

  /** The time of the first valid record. */
  public Instant start() {
    return start;
  }

  /** The records as lines of a JSON Lines file or stream, each ending with a line break. */
  public byte[] asLines() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (HostileRecord record : records) {
      out.writeBytes(record.payload());
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static final class Builder {
    private final Instant start;
    private final Instant now;
    private final List<HostileRecord> records = new ArrayList<>();
    private final Instant[] last = new Instant[ESTABLISHED.size()];
    private int serial;

    Builder(Instant start, Instant now) {
      this.start = start;
      this.now = now;
    }

    HostileCorpus build() {
      for (int i = 0; i < VALID_PER_FEED; i++) {
        for (int f = 0; f < ESTABLISHED.size(); f++) {
          valid(f, start.plus(STEP.multipliedBy(i)));
        }
        hostileAfter(i);
      }
      return new HostileCorpus(records, start);
    }

    /** The hostile records placed after the {@code i}-th valid step of both feeds. */
    private void hostileAfter(int i) {
      switch (i) {
        case 1 -> malformed();
        case 2 -> flood(0, FLOOD / 2);
        case 3 -> wrongTypes();
        case 5 -> missingFields();
        case 7 -> notFinite();
        case 9 -> invalidNames();
        case 11 -> futureTimes();
        case 13 -> ancientTimes();
        case 15 -> duplicates();
        case 17 -> deepAndHuge();
        case 19 -> controlAndSeconds();
        case 21 -> flood(FLOOD / 2, FLOOD);
        case 23 -> extremeValues();
        default -> {}
      }
    }

    private void valid(int feed, Instant time) {
      double value = Math.round(100 * Math.sin(serial / 5.0)) / 10.0 + 0.25;
      parsed(HostileKind.VALID, ESTABLISHED.get(feed), time, Double.toString(value), "");
      last[feed] = time;
    }

    private void malformed() {
      raw(HostileKind.MALFORMED, tag -> "this is no observation " + tag);
      raw(
          HostileKind.MALFORMED,
          tag -> "{\"tag\":\"" + tag + "\",\"feed\":\"hostile-a\",\"time\":");
      raw(HostileKind.MALFORMED, tag -> "[\"" + tag + "\", 1, 2]");
      raw(
          HostileKind.MALFORMED,
          tag -> "{\"tag\":\"" + tag + "\",\"feed\":\"hostile-a\",\"value\":1} {\"trailing\":1}");
      raw(HostileKind.MALFORMED, tag -> "{'tag':'" + tag + "','feed':'hostile-a'}");
    }

    private void wrongTypes() {
      Instant t = between(0);
      raw(HostileKind.WRONG_TYPE, tag -> json(tag, "\"hostile-a\"", quoted(t), "true", ""));
      raw(HostileKind.WRONG_TYPE, tag -> json(tag, "\"hostile-a\"", quoted(t), "{\"v\":1}", ""));
      raw(HostileKind.WRONG_TYPE, tag -> json(tag, "\"hostile-a\"", quoted(t), "[1]", ""));
      raw(HostileKind.WRONG_TYPE, tag -> json(tag, "\"hostile-a\"", quoted(t), "\"abc\"", ""));
      raw(HostileKind.WRONG_TYPE, tag -> json(tag, "42", quoted(t), "1", ""));
      raw(HostileKind.WRONG_TYPE, tag -> json(tag, "{\"f\":1}", quoted(t), "1", ""));
      raw(HostileKind.WRONG_TYPE, tag -> json(tag, "\"hostile-a\"", "{\"t\":1}", "1", ""));
      raw(HostileKind.WRONG_TYPE, tag -> json(tag, "\"hostile-a\"", "true", "1", ""));
      raw(HostileKind.WRONG_TYPE, tag -> json(tag, "\"hostile-a\"", "\"yesterday\"", "1", ""));
    }

    private void missingFields() {
      Instant t = between(0);
      raw(HostileKind.MISSING_FIELD, tag -> "{\"tag\":\"" + tag + "\"}");
      raw(
          HostileKind.MISSING_FIELD,
          tag -> "{\"tag\":\"" + tag + "\",\"feed\":\"hostile-a\",\"time\":" + quoted(t) + "}");
      raw(HostileKind.MISSING_FIELD, tag -> json(tag, "\"hostile-a\"", quoted(t), "null", ""));
      raw(
          HostileKind.MISSING_FIELD,
          tag -> "{\"tag\":\"" + tag + "\",\"feed\":\"hostile-b\",\"value\":1}");
      raw(HostileKind.MISSING_FIELD, tag -> json(tag, "\"hostile-b\"", "null", "1", ""));
    }

    private void notFinite() {
      parsed(HostileKind.NOT_FINITE, "hostile-a", between(0), "NaN", "\"NaN\"", "");
      parsed(HostileKind.NOT_FINITE, "hostile-b", between(1), "NaN", "NaN", "");
      parsed(HostileKind.NOT_FINITE, "hostile-a", after(0, 2), "Infinity", "\"Infinity\"", "");
      parsed(HostileKind.NOT_FINITE, "hostile-b", after(1, 3), "-Infinity", "-Infinity", "");
      parsed(HostileKind.NOT_FINITE, "hostile-a", after(0, 4), "Infinity", "1e400", "");
    }

    private void invalidNames() {
      byte[][] notUtf8 = {
        {(byte) 0xFF}, {(byte) 0xC3, '('}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}
      };
      for (byte[] bad : notUtf8) {
        Instant t = between(0);
        double value = nextValue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String tag = nextTag();
        out.writeBytes(
            ("{\"tag\":\"" + tag + "\",\"feed\":\"bad-").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes(
            ("\",\"time\":" + quoted(t) + ",\"value\":" + value + "}")
                .getBytes(StandardCharsets.UTF_8));
        add(HostileKind.INVALID_FEED_NAME, out.toByteArray(), timeValue(t, Double.toString(value)));
      }
      for (String escaped :
          List.of("\\u0000", "\\u0007", "\\n", "\\u001b[31m", "\\u2028", "\\u200e", "\\ud800")) {
        invalidName("esc" + escaped + "ape", between(0));
      }
      invalidName("x".repeat(257), between(1));
      String huge = "huge-name-" + "y".repeat(50_000);
      double value = nextValue();
      add(
          HostileKind.INVALID_FEED_NAME,
          bytes(
              json(nextTag(), "\"" + huge + "\"", quoted(between(0)), Double.toString(value), "")),
          "feed=huge-name-yyyy");
    }

    private void invalidName(String jsonName, Instant t) {
      double value = nextValue();
      add(
          HostileKind.INVALID_FEED_NAME,
          bytes(json(nextTag(), "\"" + jsonName + "\"", quoted(t), Double.toString(value), "")),
          timeValue(t, Double.toString(value)));
    }

    private void futureTimes() {
      for (Duration ahead : List.of(Duration.ofHours(2), Duration.ofDays(400))) {
        Instant t = now.plus(ahead).truncatedTo(ChronoUnit.SECONDS);
        parsedValue(HostileKind.FUTURE_TIME, "hostile-a", t, quoted(t));
      }
      Instant y9999 = Instant.parse("9999-12-31T23:59:59Z");
      parsedValue(HostileKind.FUTURE_TIME, "hostile-b", y9999, quoted(y9999));
      parsedValue(
          HostileKind.FUTURE_TIME,
          "hostile-b",
          y9999.minusSeconds(1),
          Long.toString(y9999.minusSeconds(1).toEpochMilli()));
      Instant largest = Instant.ofEpochMilli(Long.MAX_VALUE);
      parsedValue(HostileKind.FUTURE_TIME, "hostile-a", largest, Long.toString(Long.MAX_VALUE));
    }

    private void ancientTimes() {
      Instant epoch = Instant.EPOCH;
      parsedValue(HostileKind.ANCIENT_TIME, "hostile-a", epoch, quoted(epoch));
      Instant year1 = Instant.parse("0001-01-01T00:00:00Z");
      parsedValue(HostileKind.ANCIENT_TIME, "hostile-b", year1, quoted(year1));
      parsedValue(HostileKind.ANCIENT_TIME, "hostile-a", Instant.ofEpochMilli(-1), "-1");
      Instant dayBack = last[1].minus(Duration.ofDays(1));
      parsedValue(HostileKind.ANCIENT_TIME, "hostile-b", dayBack, quoted(dayBack));
    }

    private void duplicates() {
      parsedValue(HostileKind.DUPLICATE, "hostile-a", last[0], quoted(last[0]));
      HostileRecord lastOfB =
          records.stream()
              .filter(
                  r -> r.kind() == HostileKind.VALID && r.marker().startsWith("feed=hostile-b "))
              .reduce((first, second) -> second)
              .orElseThrow();
      add(HostileKind.DUPLICATE, lastOfB.payload(), lastOfB.marker());
    }

    private void deepAndHuge() {
      int depth = 5_000;
      raw(
          HostileKind.DEEPLY_NESTED,
          tag ->
              json(
                  tag,
                  "\"hostile-a\"",
                  quoted(between(0)),
                  "1",
                  ",\"deep\":" + "[".repeat(depth) + "]".repeat(depth)));
      raw(
          HostileKind.DEEPLY_NESTED,
          tag ->
              json(
                  tag,
                  "\"hostile-b\"",
                  quoted(between(1)),
                  "1",
                  ",\"deep\":" + "{\"d\":".repeat(depth) + "1" + "}".repeat(depth)));
      Instant t = last[0].plus(STEP.dividedBy(3));
      double value = nextValue();
      add(
          HostileKind.HUGE_IGNORED_FIELD,
          bytes(
              json(
                  nextTag(),
                  "\"hostile-a\"",
                  quoted(t),
                  Double.toString(value),
                  ",\"note\":\"" + "z".repeat(50_000) + "\"")),
          "feed=hostile-a" + timeValue(t, Double.toString(value)));
      last[0] = t;
    }

    private void controlAndSeconds() {
      for (char c : new char[] {0, 1, 0x1b, 0x7f - 0x60}) {
        raw(
            HostileKind.RAW_CONTROL_CHARACTER,
            tag ->
                json(tag, "\"hostile-a\"", quoted(between(0)), "1", ",\"note\":\"a" + c + "b\""));
      }
      raw(HostileKind.EPOCH_SECONDS, tag -> json(tag, "\"hostile-a\"", "1700000000", "1", ""));
      raw(HostileKind.EPOCH_SECONDS, tag -> json(tag, "\"hostile-b\"", "99999999999", "1", ""));
    }

    private void flood(int from, int to) {
      for (int i = from; i < to; i++) {
        String feed = String.format(Locale.ROOT, "flood-%03d", i);
        parsedValue(
            HostileKind.NEW_FEED,
            feed,
            start.plus(STEP.multipliedBy(i)),
            quoted(start.plus(STEP.multipliedBy(i))));
      }
    }

    private void extremeValues() {
      for (String value :
          List.of(
              "1.7976931348623157E308",
              "-1.7976931348623157E308",
              "4.9E-324",
              "123456789012345678901234567890")) {
        int feed = serial % 2;
        Instant t = last[feed].plusSeconds(10);
        parsed(
            HostileKind.EXTREME_VALUE,
            ESTABLISHED.get(feed),
            t,
            Double.toString(Double.parseDouble(value)),
            value,
            "");
        last[feed] = t;
      }
    }

    /** A time between the last valid step of an established feed and its next. */
    private Instant between(int feed) {
      return after(feed, 1);
    }

    private Instant after(int feed, int seconds) {
      return last[feed].plusSeconds(seconds + (serial % 20));
    }

    private void parsedValue(HostileKind kind, String feed, Instant time, String timeJson) {
      double value = nextValue();
      String tag = nextTag();
      add(
          kind,
          bytes(json(tag, "\"" + feed + "\"", timeJson, Double.toString(value), "")),
          "feed=" + feed + timeValue(time, Double.toString(value)));
    }

    private void parsed(HostileKind kind, String feed, Instant time, String value, String extra) {
      parsed(kind, feed, time, value, value, extra);
    }

    /**
     * @param rendered the value as the observation renders it
     * @param valueJson the value as sent
     */
    private void parsed(
        HostileKind kind,
        String feed,
        Instant time,
        String rendered,
        String valueJson,
        String extra) {
      add(
          kind,
          bytes(json(nextTag(), "\"" + feed + "\"", quoted(time), valueJson, extra)),
          "feed=" + feed + timeValue(time, rendered));
    }

    private void raw(HostileKind kind, java.util.function.Function<String, String> text) {
      String tag = nextTag();
      add(kind, bytes(text.apply(tag)), tag);
    }

    private void add(HostileKind kind, byte[] payload, String marker) {
      java.util.regex.Matcher tag = TAG.matcher(new String(payload, StandardCharsets.UTF_8));
      if (!tag.find()) {
        throw new IllegalStateException("a corpus record must carry a tag: " + marker);
      }
      for (byte b : payload) {
        if (b == '\n' || b == '\r') {
          throw new IllegalStateException("a corpus record must be one line: " + marker);
        }
      }
      if (payload.length > MAX_PAYLOAD_BYTES) {
        throw new IllegalStateException("a corpus record is over " + MAX_PAYLOAD_BYTES + " bytes");
      }
      records.add(new HostileRecord(records.size(), kind, payload, tag.group(), marker));
    }

    private String nextTag() {
      return String.format(Locale.ROOT, "~h%04d~", serial++);
    }

    /** A value no other record sends: 10000.25, 10001.25, ... */
    private double nextValue() {
      return 10_000 + serial + 0.25;
    }

    private static String timeValue(Instant time, String value) {
      return " time=" + time + " value=" + value;
    }

    private static String json(String tag, String feed, String time, String value, String extra) {
      return "{\"tag\":\""
          + tag
          + "\",\"feed\":"
          + feed
          + ",\"time\":"
          + time
          + ",\"value\":"
          + value
          + extra
          + "}";
    }

    private static String quoted(Instant time) {
      return "\"" + time + "\"";
    }

    private static byte[] bytes(String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }
}
