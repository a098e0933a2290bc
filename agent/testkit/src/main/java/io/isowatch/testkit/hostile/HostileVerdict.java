package io.isowatch.testkit.hostile;

import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What became of each record of a {@link HostileCorpus} run through one source and engine, judged
 * against what its kind says must become of it. A test hands in what the engine reported (its
 * accepted and rejected counts from the metrics, its dead letters) and asserts that {@link
 * #problems()} is empty; each problem names the record at fault.
 *
 * <p>Per record: a record that must be accepted has no dead letter; one that must be refused has
 * exactly one, with its kind's reason; a new feed of the flood has none, or one for {@code
 * feed_limit}. In total: every dead letter belongs to a record, the metrics count as many accepted
 * records as were expected and as many rejected ones per reason as there are dead letters, and
 * accepted + rejected = sent.
 */
public final class HostileVerdict {
  private final List<String> problems = new ArrayList<>();
  private final long expectedAccepted;

  private HostileVerdict(
      HostileCorpus corpus, int feedCap, EngineCounts counts, List<Rejection> deadLetters) {
    long accepted = counts.accepted();
    Map<RejectionReason, Long> rejected = counts.rejected();
    List<Rejection> refusals =
        deadLetters.stream().filter(letter -> letter.reason().refusesRecord()).toList();
    // Records that share a tag are one line sent more than once: judged together.
    Map<String, List<HostileRecord>> byTag = new LinkedHashMap<>();
    for (HostileRecord record : corpus.records()) {
      byTag.computeIfAbsent(record.tag(), m -> new ArrayList<>()).add(record);
    }
    boolean[] matched = new boolean[refusals.size()];
    int floodRefused = 0;
    long mustAccept = 0;
    for (Map.Entry<String, List<HostileRecord>> group : byTag.entrySet()) {
      HostileRecord first = group.getValue().get(0);
      List<RejectionReason> found = new ArrayList<>();
      for (int i = 0; i < refusals.size(); i++) {
        if (first.isOriginalOf(refusals.get(i).original())) {
          if (matched[i]) {
            problems.add("dead letter " + i + " matches two records: " + refusals.get(i));
          }
          matched[i] = true;
          found.add(refusals.get(i).reason());
        }
      }
      List<RejectionReason> expected = new ArrayList<>();
      for (HostileRecord record : group.getValue()) {
        record.kind().reason().ifPresent(expected::add);
      }
      if (first.kind().countsAgainstTheFeedCap()) {
        if (found.equals(List.of(RejectionReason.FEED_LIMIT))) {
          floodRefused++;
          continue;
        }
      }
      mustAccept += group.getValue().size() - expected.size();
      if (!sortedEqual(found, expected)) {
        problems.add(
            first
                + ": expected "
                + (expected.isEmpty() ? "accepted" : expected)
                + ", got "
                + (found.isEmpty() ? "no dead letter" : found));
      }
    }
    for (int i = 0; i < refusals.size(); i++) {
      if (!matched[i]) {
        problems.add("dead letter of no record: " + refusals.get(i));
      }
    }
    int expectedFloodRefused =
        Math.max(0, HostileCorpus.FLOOD - Math.max(0, feedCap - HostileCorpus.ESTABLISHED.size()));
    if (floodRefused != expectedFloodRefused) {
      problems.add(
          "feed cap "
              + feedCap
              + ": expected "
              + expectedFloodRefused
              + " new feeds refused as feed_limit, got "
              + floodRefused);
    }
    this.expectedAccepted = mustAccept - expectedFloodRefused + floodRefused;
    if (accepted != expectedAccepted) {
      problems.add("metrics: " + accepted + " accepted, expected " + expectedAccepted);
    }
    Map<RejectionReason, Long> letters = new EnumMap<>(RejectionReason.class);
    for (Rejection refusal : refusals) {
      letters.merge(refusal.reason(), 1L, Long::sum);
    }
    Map<RejectionReason, Long> counted = new EnumMap<>(RejectionReason.class);
    rejected.forEach(
        (reason, count) -> {
          if (count != 0 && reason.refusesRecord()) {
            counted.put(reason, count);
          }
        });
    if (!counted.equals(letters)) {
      problems.add("metrics count rejections " + counted + ", dead letters hold " + letters);
    }
    long rejectedTotal = counted.values().stream().mapToLong(Long::longValue).sum();
    if (accepted + rejectedTotal != corpus.size()) {
      problems.add(
          "accepted + rejected = "
              + accepted
              + " + "
              + rejectedTotal
              + " = "
              + (accepted + rejectedTotal)
              + ", sent "
              + corpus.size());
    }
  }

  /**
   * @param feedCap the most feeds the engine tracks ({@link Integer#MAX_VALUE} for none)
   * @param counts what the engine's metrics count
   * @param deadLetters the engine's dead letters, in any order
   */
  public static HostileVerdict judge(
      HostileCorpus corpus, int feedCap, EngineCounts counts, List<Rejection> deadLetters) {
    return new HostileVerdict(corpus, feedCap, counts, deadLetters);
  }

  /** What went wrong, one line per record or count at fault; empty when all is as expected. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Records that had to be accepted (the flood's share depending on the feed cap). */
  public long expectedAccepted() {
    return expectedAccepted;
  }

  private static boolean sortedEqual(List<RejectionReason> a, List<RejectionReason> b) {
    return a.stream().sorted().toList().equals(b.stream().sorted().toList());
  }
}
