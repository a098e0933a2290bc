package io.isowatch.testkit.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The judge of the hostile-input suite: the outcome its kinds call for passes, and each way an
 * engine could get a record wrong is named.
 */
class HostileVerdictTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final int CAP = 12;

  private final HostileCorpus corpus = HostileCorpus.at(NOW);

  /** The dead letters of an engine that does what every kind says, under a cap of {@link #CAP}. */
  private List<Rejection> rightLetters() {
    List<Rejection> letters = new ArrayList<>();
    int newFeeds = 0;
    for (HostileRecord record : corpus.records()) {
      Optional<RejectionReason> reason = record.kind().reason();
      if (record.kind().countsAgainstTheFeedCap()
          && ++newFeeds > CAP - HostileCorpus.ESTABLISHED.size()) {
        reason = Optional.of(RejectionReason.FEED_LIMIT);
      }
      reason.ifPresent(r -> letters.add(letter(r, record)));
    }
    return letters;
  }

  private static Rejection letter(RejectionReason reason, HostileRecord record) {
    // Engines keep either the text received or the decoded observation's rendering: both are read.
    String original = record.index() % 2 == 0 ? record.text() : "... " + record.marker() + " ...";
    return new Rejection(reason, Optional.empty(), original, "", NOW);
  }

  private EngineCounts countsOf(List<Rejection> letters) {
    Map<RejectionReason, Long> rejected = new EnumMap<>(RejectionReason.class);
    letters.forEach(letter -> rejected.merge(letter.reason(), 1L, Long::sum));
    return new EngineCounts(corpus.size() - letters.size(), rejected);
  }

  @Test
  void theCorpusHoldsEveryKindAndOneLinePerRecord() {
    assertThat(corpus.records())
        .extracting(HostileRecord::kind)
        .containsAll(List.of(HostileKind.values()));
    String lines = new String(corpus.asLines(), StandardCharsets.UTF_8);
    assertThat(lines.split("\n", -1)).hasSize(corpus.size() + 1);
  }

  @Test
  void theOutcomeTheKindsCallForPasses() {
    List<Rejection> letters = rightLetters();
    HostileVerdict verdict = HostileVerdict.judge(corpus, CAP, countsOf(letters), letters);

    assertThat(verdict.problems()).isEmpty();
    assertThat(verdict.expectedAccepted()).isEqualTo(corpus.size() - letters.size());
  }

  @Test
  void aRecordAcceptedThatMustBeRefusedIsNamed() {
    List<Rejection> letters = new ArrayList<>(rightLetters());
    Rejection dropped =
        letters.stream()
            .filter(l -> l.reason() == RejectionReason.TOO_FAR_AHEAD)
            .findFirst()
            .orElseThrow();
    letters.remove(dropped);
    HostileVerdict verdict = HostileVerdict.judge(corpus, CAP, countsOf(letters), letters);

    assertThat(verdict.problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("FUTURE_TIME", "expected [TOO_FAR_AHEAD], got no dead letter"));
  }

  @Test
  void aRecordCountedBothAcceptedAndRejectedBreaksTheSum() {
    List<Rejection> letters = rightLetters();
    EngineCounts right = countsOf(letters);
    EngineCounts twice = new EngineCounts(right.accepted() + 1, right.rejected());
    HostileVerdict verdict = HostileVerdict.judge(corpus, CAP, twice, letters);

    assertThat(verdict.problems())
        .anySatisfy(p -> assertThat(p).contains("sent " + corpus.size()))
        .anySatisfy(p -> assertThat(p).contains("accepted, expected"));
  }

  @Test
  void aWrongReasonAndAStrayDeadLetterAreNamed() {
    List<Rejection> letters = new ArrayList<>(rightLetters());
    Rejection first = letters.get(0);
    letters.set(
        0,
        new Rejection(RejectionReason.MISSING_FIELD, Optional.empty(), first.original(), "", NOW));
    letters.add(
        new Rejection(RejectionReason.UNPARSABLE, Optional.empty(), "sent by nobody", "", NOW));
    HostileVerdict verdict = HostileVerdict.judge(corpus, CAP, countsOf(letters), letters);

    assertThat(verdict.problems())
        .anySatisfy(p -> assertThat(p).contains("got [MISSING_FIELD]"))
        .anySatisfy(p -> assertThat(p).startsWith("dead letter of no record"));
  }

  @Test
  void theFloodIsJudgedAgainstTheCap() {
    List<Rejection> letters = rightLetters();
    HostileVerdict noCap =
        HostileVerdict.judge(corpus, Integer.MAX_VALUE, countsOf(letters), letters);

    assertThat(noCap.problems())
        .anySatisfy(p -> assertThat(p).contains("expected 0 new feeds refused"));
  }
}
