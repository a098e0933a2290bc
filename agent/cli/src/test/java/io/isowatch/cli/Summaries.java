package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads back the summary a run prints at its end, to compare with counts a test computes. */
public record Summaries(
    long observations,
    long rejected,
    String reasons,
    long windows,
    long firing,
    long resolved,
    Map<String, long[]> feeds) {
  private static final Pattern TOTALS =
      Pattern.compile(
          "summary: (\\d+) observations, (\\d+) rejected(?: \\(([^)]*)\\))?, (\\d+) windows"
              + " embedded, (\\d+) alerts fired(?: \\([^)]*\\))?, (\\d+) resolved");

  /**
   * The summary in a command's standard output: the totals line and the per-feed table after it
   * (observations, rejected, windows, firing, resolved per feed id).
   */
  public static Summaries parse(String out) {
    List<String> lines = out.lines().toList();
    int at = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("summary: ")) {
        at = i;
      }
    }
    assertThat(at).as("a summary line in:%n%s", out).isNotNegative();
    Matcher totals = TOTALS.matcher(lines.get(at));
    assertThat(totals.matches()).as(lines.get(at)).isTrue();
    Map<String, long[]> feeds = new LinkedHashMap<>();
    for (String line : lines.subList(Math.min(at + 2, lines.size()), lines.size())) {
      String[] words = line.strip().split("\\s+");
      if (words.length < 6 || !line.matches(".*(\\s+\\d+){5}\\s*")) {
        break; // the table ends; the warm-up lines follow
      }
      int n = words.length;
      String feed = String.join(" ", Arrays.copyOfRange(words, 0, n - 5));
      long[] counts = new long[5];
      for (int k = 0; k < 5; k++) {
        counts[k] = Long.parseLong(words[n - 5 + k]);
      }
      feeds.put(feed, counts);
    }
    return new Summaries(
        Long.parseLong(totals.group(1)),
        Long.parseLong(totals.group(2)),
        totals.group(3) == null ? "" : totals.group(3),
        Long.parseLong(totals.group(4)),
        Long.parseLong(totals.group(5)),
        Long.parseLong(totals.group(6)),
        feeds);
  }

  /** A feed's row: observations, rejected, windows, firing, resolved. */
  public long[] feed(String feedId) {
    assertThat(feeds).as("feeds in the summary").containsKey(feedId);
    return feeds.get(feedId);
  }

  /** Windows a feed of {@code values} accepted values gives, with no gap. */
  public static long windows(long values, int length, int stride) {
    return values < length ? 0 : (values - length) / stride + 1;
  }
}
