package io.isowatch.core.risk;

import java.util.Optional;

/**
 * What a risk model was trained on: the embedding model whose signals filled its rows (by its
 * label, e.g. {@code isowatch-numeric-lm}) and the horizon the agent forecast at. Its features mean
 * those signals at that horizon: an agent running another model, or forecasting further ahead,
 * feeds it numbers of another kind. {@code train-risk} writes both into the manifest; a manifest
 * written before they were recorded has neither, and then nothing can be checked.
 *
 * @param model the embedding model's label
 * @param horizon the horizon of the forecasts the agent's label set judged (1 = the next value)
 */
public record TrainedOn(String model, int horizon) {
  static final String MODEL_KEY = "trained-on-model";
  static final String HORIZON_KEY = "trained-on-horizon";

  public TrainedOn {
    if (model == null || model.isBlank() || model.contains("\n")) {
      throw new IllegalArgumentException("model must be a label on one line, got " + model);
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
    }
  }

  /**
   * Why this model's risks do not fit an agent running {@code agentModel} at {@code agentHorizon},
   * or empty when they do.
   */
  public Optional<String> mismatch(String agentModel, int agentHorizon) {
    if (model.equals(agentModel) && horizon == agentHorizon) {
      return Optional.empty();
    }
    return Optional.of(
        "was trained on the signals of "
            + model
            + " at horizon "
            + horizon
            + ", and this agent runs "
            + agentModel
            + " at horizon "
            + agentHorizon);
  }

  /** The manifest's two lines. */
  void write(StringBuilder manifest) {
    manifest.append(MODEL_KEY).append(' ').append(model).append('\n');
    manifest.append(HORIZON_KEY).append(' ').append(horizon).append('\n');
  }

  /**
   * What a manifest says its model was trained on: empty when it says nothing (a manifest written
   * before these lines), a failure when it says half of it or a horizon that is not a number.
   */
  static Optional<TrainedOn> read(String manifest) {
    String model = null;
    String horizon = null;
    for (String line : manifest.split("\n")) {
      if (line.startsWith(MODEL_KEY + " ")) {
        model = line.substring(MODEL_KEY.length() + 1).strip();
      } else if (line.startsWith(HORIZON_KEY + " ")) {
        horizon = line.substring(HORIZON_KEY.length() + 1).strip();
      }
    }
    if (model == null && horizon == null) {
      return Optional.empty();
    }
    if (model == null || horizon == null) {
      throw new IllegalStateException(
          "the risk model's manifest names "
              + (model == null ? "a horizon but no model" : "a model but no horizon")
              + " it was trained on; "
              + RiskModelArtifact.REGENERATE);
    }
    try {
      return Optional.of(new TrainedOn(model, Integer.parseInt(horizon)));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the risk model's manifest says it was trained at horizon '"
              + horizon
              + "'; "
              + RiskModelArtifact.REGENERATE,
          e);
    }
  }
}
