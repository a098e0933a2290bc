package io.isowatch.engine.model;

import io.isowatch.core.embed.Device;
import io.isowatch.core.embed.InputFormat;
import io.isowatch.core.embed.ModelManifest;
import io.isowatch.core.embed.OnnxEmbedder;
import io.isowatch.core.encode.ChronosEncoder;
import io.isowatch.core.encode.TextSerializationEncoder;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.predict.ModelLogitsSource;
import io.isowatch.core.predict.SoftmaxSources;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one factory of what a model needs on every engine: its encoder (text through its tokenizer,
 * or Chronos tokens), its ONNX embedder, and where each feed's forecasts come from (the model's own
 * logits when its manifest names them and the tokens that stand for values, else the online head).
 * Engines call it once per thread or subtask; it holds no session itself.
 *
 * <pre>{@code
 * AgentModel model = AgentModel.bundled(ModelChoice.NUMERIC_LM, Device.CPU, 0, EncoderSettings.defaults());
 * try (OnnxEmbedder embedder = model.newEmbedder(); WindowEncoder encoder = model.newEncoder()) {
 *   SoftmaxSources forecasts = model.forecasts(settings);
 * }
 * }</pre>
 *
 * @param manifest the model
 * @param device where its sessions run
 * @param intraOpThreads ONNX Runtime threads per session; 0 lets it choose
 * @param encoder the user's encoder options
 * @param tokens the Chronos tokens the model itself names (a bundled model); else a Chronos model
 *     reads {@code encoder.chronos()}
 */
public record AgentModel(
    ModelManifest manifest,
    Device device,
    int intraOpThreads,
    EncoderSettings encoder,
    Optional<ChronosSettings> tokens) {
  public AgentModel {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(tokens, "tokens");
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException(
          "intraOpThreads must not be negative, got " + intraOpThreads);
    }
  }

  /** A bundled model, with its own tokens when it reads tokens. */
  public static AgentModel bundled(
      ModelChoice choice, Device device, int intraOpThreads, EncoderSettings encoder) {
    return new AgentModel(choice.manifest(), device, intraOpThreads, encoder, choice.tokens());
  }

  /**
   * A model given by its manifest: a bundled one is recognized, a user's export reads {@code
   * encoder}.
   */
  public static AgentModel of(
      ModelManifest manifest, Device device, int intraOpThreads, EncoderSettings encoder) {
    return ModelChoice.of(manifest)
        .map(choice -> bundled(choice, device, intraOpThreads, encoder))
        .orElseGet(
            () -> new AgentModel(manifest, device, intraOpThreads, encoder, Optional.empty()));
  }

  /** A new encoder and ONNX session, closed together. */
  public ModelSession open() {
    OnnxEmbedder embedder = newEmbedder();
    try {
      return new ModelSession(newEncoder(), embedder);
    } catch (RuntimeException e) {
      embedder.close();
      throw e;
    }
  }

  /** A new ONNX session of the model on the device; the caller closes it. */
  public OnnxEmbedder newEmbedder() {
    return OnnxEmbedder.builder()
        .manifest(manifest)
        .device(device)
        .intraOpThreads(intraOpThreads)
        .build();
  }

  /**
   * A new encoder of the model's input format; the caller closes it (a text encoder holds a
   * tokenizer).
   */
  public WindowEncoder newEncoder() {
    if (manifest.inputFormat() == InputFormat.CHRONOS_TOKENS) {
      return chronos();
    }
    return TextSerializationEncoder.builder()
        .tokenizer(manifest.tokenizer())
        .maxTokens(manifest.maxTokens())
        .numberFormat(encoder.numberFormat())
        .separator(encoder.separator())
        .scaling(encoder.scaling())
        .trailingSeparator(encoder.trailingSeparator())
        .build();
  }

  /**
   * Where each feed's forecasts come from: the model's own softmax over its value tokens when its
   * manifest names logits and those tokens (scaled as its encoder scales, for Chronos tokens);
   * otherwise the online head of {@code monitor} on the window vectors.
   */
  public SoftmaxSources forecasts(MonitorSettings monitor) {
    return ownForecasts()
        .orElseGet(() -> SoftmaxSources.onlineHead(monitor.head(), monitor.width()));
  }

  /**
   * The model's own softmax over its value tokens, when its manifest names logits and those tokens
   * (scaled as its encoder scales, for Chronos tokens); empty for a model without.
   */
  public Optional<SoftmaxSources> ownForecasts() {
    if (manifest.logitsOutput().isEmpty() || manifest.numericVocabulary().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        ModelLogitsSource.of(
                manifest,
                manifest.inputFormat() == InputFormat.CHRONOS_TOKENS
                    ? Optional.of(chronos().scaling())
                    : Optional.empty())
            .forEveryFeed());
  }

  /** The width of the model's window vectors, when its manifest says it. */
  public OptionalInt width() {
    return manifest.hiddenWidth();
  }

  private ChronosEncoder chronos() {
    return tokens.orElse(encoder.chronos()).encoder(manifest.maxTokens());
  }
}
