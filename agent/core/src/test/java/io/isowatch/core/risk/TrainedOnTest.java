package io.isowatch.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a risk model was trained on travels through its manifest, and says when it does not fit. */
class TrainedOnTest {
  @TempDir Path dir;

  @Test
  void theManifestSaysWhatTheModelWasTrainedOnAndLoadReadsItBack() throws Exception {
    TrainedOn trainedOn = new TrainedOn("minilm-int8 int8", 8);
    RiskModel model = RiskModel.constant().trainedOn(trainedOn);

    model.writeTo(dir, List.of("a note"));

    String manifest = Files.readString(dir.resolve(RiskModel.MANIFEST_FILE));
    assertThat(manifest)
        .contains("\ntrained-on-model minilm-int8 int8\n")
        .contains("\ntrained-on-horizon 8\n");
    RiskModel loaded = RiskModel.load(dir);
    assertThat(loaded.trainedOn()).contains(trainedOn);
    // the same risks: saying what it was trained on is not a change of model
    assertThat(loaded).isEqualTo(RiskModel.constant());
    assertThat(loaded.checksum()).isEqualTo(RiskModel.constant().checksum());
  }

  @Test
  void aManifestWrittenBeforeTheseLinesSaysNothing() throws Exception {
    RiskModel.constant().writeTo(dir, List.of());

    assertThat(Files.readString(dir.resolve(RiskModel.MANIFEST_FILE))).doesNotContain("trained-on");
    assertThat(RiskModel.load(dir).trainedOn()).isEmpty();
  }

  @Test
  void halfAStatementOrAHorizonThatIsNotANumberIsRefusedWithWhatToDo() throws Exception {
    RiskModel.constant().trainedOn(new TrainedOn("numeric-lm", 1)).writeTo(dir, List.of());
    Path manifest = dir.resolve(RiskModel.MANIFEST_FILE);
    String written = Files.readString(manifest);

    Files.writeString(manifest, written.replace("trained-on-horizon 1\n", ""));
    assertThatThrownBy(() -> RiskModel.load(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("names a model but no horizon")
        .hasMessageContaining("train-risk");

    Files.writeString(manifest, written.replace("trained-on-horizon 1", "trained-on-horizon one"));
    assertThatThrownBy(() -> RiskModel.load(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("horizon 'one'");
  }

  @Test
  void itFitsTheSameModelAtTheSameHorizonOnly() {
    TrainedOn trainedOn = new TrainedOn("numeric-lm", 1);

    assertThat(trainedOn.mismatch("numeric-lm", 1)).isEmpty();
    assertThat(trainedOn.mismatch("numeric-lm", 8))
        .contains(
            "was trained on the signals of numeric-lm at horizon 1, and this agent runs"
                + " numeric-lm at horizon 8");
    assertThat(trainedOn.mismatch("all-minilm-l6-v2 int8", 1)).isPresent();
  }

  @Test
  void aLabelOnOneLineAndAPositiveHorizon() {
    assertThatThrownBy(() -> new TrainedOn("two\nlines", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TrainedOn(" ", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TrainedOn("numeric-lm", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
