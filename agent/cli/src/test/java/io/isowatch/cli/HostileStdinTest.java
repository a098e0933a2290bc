package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.stdin.StdinSource;
import io.isowatch.testkit.hostile.HostileCorpus;
import io.isowatch.testkit.hostile.HostileVerdict;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hostile-input corpus on standard input, one record a line, through the embedded engine. */
class HostileStdinTest {
  @TempDir Path dir;

  @Test
  void everyRecordIsAcceptedOrDeadLetteredWithItsReason() throws Exception {
    HostileCorpus corpus = HostileCorpus.at(Instant.now());
    StdinSource stdin = StdinSource.builder(new ByteArrayInputStream(corpus.asLines())).build();
    try (HostileAgent agent = HostileAgent.start(stdin, dir)) {
      HostileVerdict verdict = agent.verdict(corpus);

      assertThat(verdict.problems()).isEmpty();
      assertThat(verdict.expectedAccepted()).isPositive();
    }
  }
}
