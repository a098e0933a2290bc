package io.isowatch.engine.spec;

import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.trust.TrustSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code trust} section of a configuration: the calibration of the trust score and its alert
 * policy. The calibration and the history follow the false-alarm rate unless given: a conformal
 * p-value against n scores is at least 1 / (n + 1), so reaching alpha takes 1/alpha - 1 of them.
 * {@code risk-model} names the folder of a risk model that {@code isowatch train-risk} wrote.
 */
final class TrustSection {
  private TrustSection() {}

  static TrustSettings read(ConfigNode trust) throws InputFormatException {
    trust.allowOnly(
        "false-alarm-rate",
        "calibration",
        "history",
        "delay",
        "baseline",
        "pairs",
        "min-pairs",
        "error-lag",
        "confirm",
        "clear-after",
        "cooldown",
        "max-signals",
        "risk-model");
    FieldKeys keys =
        new FieldKeys()
            .put("falseAlarmRate", trust, "false-alarm-rate")
            .put("calibration", trust, "calibration")
            .put("history", trust, "history")
            .put("delay", trust, "delay")
            .put("baseline", trust, "baseline")
            .put("pairs", trust, "pairs")
            .put("minPairs", trust, "min-pairs")
            .put("errorLag", trust, "error-lag")
            .put("confirm", trust, "confirm")
            .put("clearAfter", trust, "clear-after")
            .put("cooldown", trust, "cooldown")
            .put("maxSignals", trust, "max-signals");
    TrustSettings d = TrustSettings.defaults();
    double rate = trust.number("false-alarm-rate", d.falseAlarmRate());
    // the core's range of alpha, checked before the calibration is derived from it
    keys.build(() -> TrustSettings.forFalseAlarmRate(rate));
    int needed = TrustSettings.scoresToReach(rate);
    // defaults that follow the rate; the core checks what the user gave against it
    int calibration = trust.integer("calibration", Math.max(d.calibration(), needed));
    int history = trust.integer("history", Math.max(d.history(), calibration));
    int pairs = trust.integer("pairs", d.pairs());
    int minPairs = trust.integer("min-pairs", Math.min(d.minPairs(), pairs));
    int delay = trust.integer("delay", d.delay());
    int baseline = trust.integer("baseline", d.baseline());
    int errorLag = trust.integer("error-lag", d.errorLag());
    int confirm = trust.integer("confirm", d.confirm());
    int clearAfter = trust.integer("clear-after", d.clearAfter());
    int cooldown = trust.integer("cooldown", d.cooldown());
    int maxSignals = trust.integer("max-signals", d.maxSignals());
    return keys.build(
        () ->
            new TrustSettings(
                rate,
                calibration,
                history,
                delay,
                baseline,
                pairs,
                minPairs,
                errorLag,
                confirm,
                clearAfter,
                cooldown,
                maxSignals));
  }

  /** The risk model {@code risk-model} names (a folder train-risk wrote), or the bundled one. */
  static RiskModel riskModel(ConfigNode trust) throws InputFormatException {
    Optional<Path> dir = trust.optionalPath("risk-model");
    if (dir.isEmpty()) {
      return RiskModel.bundled();
    }
    return RiskModelFolder.load(dir.get(), trust.path("risk-model"));
  }
}
