package io.isowatch.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.cli.Cli;
import io.isowatch.cli.IsowatchCommand;
import io.isowatch.cli.config.AgentConfig;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.risk.TrainedOn;
import io.isowatch.core.risk.TreeRiskModel;
import io.isowatch.engine.model.ModelChoice;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code isowatch train-risk} end to end on a small corpus (4 synthetic feeds and two unlabelled
 * CSV series): the model it writes loads against its manifest, and the same command writes the same
 * model and prints the same validation table.
 */
class TrainRiskCommandTest {
  @TempDir Path dir;

  /** A noisy daily cycle whose level steps up two thirds of the way. */
  private Path series(String name, long seed) throws IOException {
    return HourlyCycleCsv.write(dir.resolve(name + ".csv"), seed, 1800, 1200, 8);
  }

  private int trainRisk(StringWriter out, StringWriter err, Path outDir) throws IOException {
    CommandLine command = IsowatchCommand.commandLine();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    return command.execute(
        "train-risk",
        "--synthetic",
        "4",
        "--dataset",
        "csv:" + series("a", 1),
        "--dataset",
        "csv:" + series("b", 2),
        "--cache",
        dir.resolve("cache").toString(),
        "--out-dir",
        outDir.toString());
  }

  @Test
  void writesATreeModelThatLoadsAndTheSameRunWritesTheSameModelAndTable() throws IOException {
    StringWriter first = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(trainRisk(first, err, dir.resolve("first"))).as(err.toString()).isZero();
    String artifact = Files.readString(dir.resolve("first/risk-model.txt"));
    String manifest = Files.readString(dir.resolve("first/risk-model-manifest.txt"));
    RiskModel model = RiskModel.load(artifact, manifest);
    assertThat(model).isInstanceOf(TreeRiskModel.class);
    assertThat(manifest).contains("format " + TreeRiskModel.FORMAT);
    // what it read, for the agent that loads it to check against its own model and horizon
    assertThat(model.trainedOn())
        .contains(new TrainedOn(ModelChoice.DEFAULT.manifest().label(), 1));
    // both corpora held out in turn, the trees beside the logistic reference
    assertThat(first.toString())
        .contains("| held-out corpus |")
        .contains("risk AUROC full, logistic")
        .contains("| synthetic | 4 |")
        .contains("| csv | 2 |")
        .contains("| full - raw | ")
        .contains("| full - full, logistic | ")
        .contains("wrote " + dir.resolve("first/risk-model.txt"));

    StringWriter second = new StringWriter();
    assertThat(trainRisk(second, err, dir.resolve("second"))).as(err.toString()).isZero();
    assertThat(Files.readString(dir.resolve("second/risk-model.txt"))).isEqualTo(artifact);
    assertThat(second.toString().replace("second", "first")).isEqualTo(first.toString());
  }

  /**
   * {@code --synthetic-noise} splits the synthetic feeds among the noises, says so in the model's
   * version and summary, and trains on other feeds than the light ones; {@code light} alone is the
   * default's model.
   */
  @Test
  void theSyntheticFeedsCanMixTheirNoise() throws IOException {
    String light = trainSynthetic("light", "--synthetic-noise", "light");
    assertThat(light).isEqualTo(trainSynthetic("default"));
    String mixed = trainSynthetic("mixed", "--synthetic-noise", "light,heavy,spiky");

    assertThat(mixed).isNotEqualTo(light);
    assertThat(RiskModel.load(dir.resolve("mixed")).version()).endsWith("-noise-light+heavy+spiky");
    assertThat(Files.readString(dir.resolve("mixed").resolve(RiskModel.MANIFEST_FILE)))
        .contains("synthetic feeds: 6 (light+heavy+spiky noise)");
  }

  /**
   * {@code --horizon} trains on the agent's N-step forecasts: another label set, so other trees,
   * and a manifest that says so; an agent at another horizon refuses the model (AgentSpecTest).
   */
  @Test
  void theHorizonIsTheAgentsAndTheManifestSaysIt() throws IOException {
    String atOne = trainSynthetic("one");
    String atFour = trainSynthetic("four", "--horizon", "4");

    assertThat(atFour).isNotEqualTo(atOne);
    assertThat(RiskModel.load(dir.resolve("four")).trainedOn())
        .contains(new TrainedOn(ModelChoice.DEFAULT.manifest().label(), 4));
    StringWriter err = new StringWriter();
    CommandLine command = IsowatchCommand.commandLine();
    command.setErr(new PrintWriter(err));
    assertThat(command.execute("train-risk", "--synthetic", "1", "--horizon", "49")).isEqualTo(2);
    assertThat(err.toString()).contains("--horizon: horizon must be at most 48");
  }

  /**
   * {@code --config} trains for the model of the configuration the agent runs with: a user's own
   * export here. The agent with that configuration takes the model; the bundled numeric LM, whose
   * signals it did not read, refuses it.
   */
  @Test
  void aConfigurationsOwnModelGetsARiskModelOfItsOwn() throws Exception {
    String agent =
        "sources: [{type: synthetic}]\n" + Cli.ownNumericLm(dir) + "monitor: {horizon: 1}\n";
    Path config = Files.writeString(dir.resolve("isowatch.yaml"), agent);
    StringWriter err = new StringWriter();
    CommandLine command = IsowatchCommand.commandLine();
    command.setOut(new PrintWriter(new StringWriter()));
    command.setErr(new PrintWriter(err));

    int exit =
        command.execute(
            "train-risk",
            "--synthetic",
            "2",
            "--config",
            config.toString(),
            "--out-dir",
            dir.resolve("own-risk").toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(err.toString()).contains("train-risk: own-lm on cpu");
    assertThat(RiskModel.load(dir.resolve("own-risk")).trainedOn())
        .contains(new TrainedOn("own-lm", 1));
    Path judged =
        Files.writeString(dir.resolve("judged.yaml"), agent + "trust: {risk-model: own-risk}\n");
    assertThat(AgentConfig.read(judged).settings().spec().riskModelNote()).isEmpty();
    assertThatThrownBy(() -> AgentConfig.read(judged).withModel(ModelChoice.NUMERIC_LM))
        .hasMessageContaining("riskModel was trained on the signals of own-lm at horizon 1");

    StringWriter both = new StringWriter();
    command.setErr(new PrintWriter(both));
    assertThat(command.execute("train-risk", "--config", config.toString(), "--horizon", "2"))
        .isEqualTo(2);
    assertThat(both.toString()).contains("--config gives the model and the horizon");
  }

  /** Trains on 6 synthetic feeds alone into {@code name}; returns the artifact. */
  private String trainSynthetic(String name, String... more) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train-risk",
                "--synthetic",
                "6",
                "--cache",
                dir.resolve("cache").toString(),
                "--out-dir",
                dir.resolve(name).toString()));
    args.addAll(List.of(more));
    StringWriter err = new StringWriter();
    CommandLine command = IsowatchCommand.commandLine();
    command.setOut(new PrintWriter(new StringWriter()));
    command.setErr(new PrintWriter(err));
    assertThat(command.execute(args.toArray(String[]::new))).as(err.toString()).isZero();
    return Files.readString(dir.resolve(name).resolve(RiskModel.ARTIFACT_FILE));
  }
}
