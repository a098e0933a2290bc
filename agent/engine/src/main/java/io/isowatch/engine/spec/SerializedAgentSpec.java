package io.isowatch.engine.spec;

import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.predict.HeadSettings;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.model.embed.Device;
import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;

/**
 * The Java-serialized form of an {@link AgentSpec}: a bundled model by its name (a manifest holds
 * resource handles, not data), a user's own by its manifest's fields ({@link ShippedManifest}: the
 * locations of its files, not the files), the window's fields one by one ({@link WindowSpec} keeps
 * its gap limit in an {@link Optional}, which Java serialization refuses), and a risk model other
 * than the bundled one as its artifact's text. Reading it back builds the spec through its
 * canonical constructor, so every check runs again on the receiving side.
 *
 * @param model the bundled model, or null for a user's own
 * @param custom the user's own model, or null for a bundled one
 */
record SerializedAgentSpec(
    ModelChoice model,
    ShippedManifest custom,
    Device device,
    int intraOpThreads,
    EncoderSettings encoder,
    int windowLength,
    int stride,
    Duration allowedLateness,
    Duration maxGap,
    int maxPending,
    Duration maxAhead,
    int windowCloudCapacity,
    int evaluateEvery,
    int horizon,
    double intervalLevel,
    HeadSettings head,
    TrustSettings trust,
    String riskModelArtifact,
    BatchSettings batch)
    implements Serializable {

  static SerializedAgentSpec of(AgentSpec spec) {
    ModelChoice model = spec.bundledModel().orElse(null);
    WindowSpec window = spec.window();
    return new SerializedAgentSpec(
        model,
        model == null ? ShippedManifest.of(spec.model()) : null,
        spec.device(),
        spec.intraOpThreads(),
        spec.encoder(),
        window.length(),
        window.stride(),
        window.allowedLateness(),
        window.maxGap().orElse(null),
        window.maxPending(),
        window.maxAhead(),
        spec.windowCloudCapacity(),
        spec.evaluateEvery(),
        spec.horizon(),
        spec.intervalLevel(),
        spec.head(),
        spec.trust(),
        // null for the bundled model, which every process reads from its own jar
        spec.riskModel().equals(RiskModel.bundled()) ? null : spec.riskModel().format(),
        spec.batch());
  }

  private Object readResolve() {
    return new AgentSpec(
        model != null ? model.manifest() : custom.manifest(),
        device,
        intraOpThreads,
        encoder,
        new WindowSpec(
            windowLength,
            stride,
            allowedLateness,
            Optional.ofNullable(maxGap),
            maxPending,
            maxAhead),
        windowCloudCapacity,
        evaluateEvery,
        horizon,
        intervalLevel,
        head,
        trust,
        riskModelArtifact == null ? RiskModel.bundled() : RiskModel.parse(riskModelArtifact),
        batch);
  }
}
