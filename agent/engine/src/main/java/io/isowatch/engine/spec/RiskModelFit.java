package io.isowatch.engine.spec;

import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.model.embed.ModelManifest;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a risk model fits the agent that would judge with it: its features are the signals of the
 * model and horizon it was trained on ({@link RiskModel#trainedOn()}), and another model's
 * geometry, or forecasts further ahead, are numbers of another kind.
 */
public final class RiskModelFit {
  private RiskModelFit() {}

  /**
   * Why {@code riskModel} does not fit an agent running {@code model} at {@code horizon}, followed
   * by how to train one that does; empty when it fits, or when its manifest does not say what it
   * was trained on.
   */
  public static Optional<String> problem(RiskModel riskModel, ModelManifest model, int horizon) {
    return riskModel
        .trainedOn()
        .flatMap(trainedOn -> trainedOn.mismatch(model.label(), horizon))
        .map(why -> why + ": " + advice(model, horizon));
  }

  private static String advice(ModelManifest model, int horizon) {
    String horizonOption =
        horizon == MonitorSettings.DEFAULT_HORIZON ? "" : " --horizon " + horizon;
    // by label: an agent's manifest may differ from the bundled one (room for queries)
    return Arrays.stream(ModelChoice.values())
        .filter(choice -> choice.manifest().label().equals(model.label()))
        .findFirst()
        .map(
            choice ->
                "train one on its signals with `isowatch train-risk --model "
                    + choice.label()
                    + horizonOption
                    + " --out-dir DIR`")
        .orElse(
            "train one on its signals with `isowatch train-risk --config FILE --out-dir DIR`,"
                + " FILE the configuration that names the model");
  }
}
