package io.isowatch.engine.model;

import io.isowatch.core.encode.ChronosEncoder;
import io.isowatch.core.encode.ForecastQueries;
import io.isowatch.core.encode.StepsAheadEncoder;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.predict.SoftmaxSources;
import io.isowatch.model.embed.Device;
import io.isowatch.model.embed.InputFormat;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.embed.OnnxEmbedder;
import io.isowatch.model.encode.TextSerializationEncoder;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one factory of what a model needs on every engine: its encoder (text through its tokenizer,
 * or Chronos tokens), its ONNX embedder, and where each feed's forecasts come from (the model's own
 * logits when its manifest names them and the tokens that stand for values, else the online head).
 * Engines call it once per thread or subtask; it holds no session itself.
 *
 * <p><b>Horizon.</b> A model trained to answer {@link ForecastQueries} (its manifest names them:
 * the bundled numeric LM when its export's manifest.json does, {@code
 * NumericLanguageModel.answersForecastQueries()}) is asked for the value {@code horizon} steps
 * after each window in the one pass that embeds it: its encoder follows the window's tokens with
 * {@code horizon - 1} queries, and its embedder takes that many tokens more than the window's, so
 * that the model's own forecast is for the value the agent judges it against. The geometry still
 * reads the window's own tokens ({@code OnnxEmbedder}). With horizon 1, or a model without queries
 * (MiniLM and its online head, or a numeric LM export not trained for them, whose own forecast
 * stays the next value's), nothing is asked.
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
 * @param horizon which value after a window the agent forecasts ({@code monitor.horizon}); at most
 *     the steps the model's forecast queries answer, when it has them
 */
public record AgentModel(
    ModelManifest manifest,
    Device device,
    int intraOpThreads,
    EncoderSettings encoder,
    Optional<ChronosSettings> tokens,
    int horizon) {
  public AgentModel {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(tokens, "tokens");
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException(
          "intraOpThreads must not be negative, got " + intraOpThreads);
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
    }
    int most = manifest.forecastQueries().map(ForecastQueries::maxSteps).orElse(horizon);
    if (horizon > most) {
      // "horizon" first: the spec reader puts the message at monitor.horizon
      throw new IllegalArgumentException(
          "horizon must be at most "
              + most
              + " with model "
              + manifest.name()
              + ", whose forecast queries answer 1 to "
              + most
              + " steps ahead; got "
              + horizon
              + ": set horizon to at most "
              + most);
    }
  }

  /** The model forecasting the next value (horizon 1): no forecast query is asked. */
  public AgentModel(
      ModelManifest manifest,
      Device device,
      int intraOpThreads,
      EncoderSettings encoder,
      Optional<ChronosSettings> tokens) {
    this(manifest, device, intraOpThreads, encoder, tokens, MonitorSettings.DEFAULT_HORIZON);
  }

  /** A bundled model, with its own tokens when it reads tokens, forecasting the next value. */
  public static AgentModel bundled(
      ModelChoice choice, Device device, int intraOpThreads, EncoderSettings encoder) {
    return new AgentModel(choice.manifest(), device, intraOpThreads, encoder, choice.tokens());
  }

  /**
   * A model given by its manifest, forecasting the next value: a bundled one is recognized, a
   * user's export reads {@code encoder}.
   */
  public static AgentModel of(
      ModelManifest manifest, Device device, int intraOpThreads, EncoderSettings encoder) {
    return ModelChoice.of(manifest)
        .map(choice -> bundled(choice, device, intraOpThreads, encoder))
        .orElseGet(
            () -> new AgentModel(manifest, device, intraOpThreads, encoder, Optional.empty()));
  }

  /**
   * This model forecasting the value {@code horizon} steps after each window.
   *
   * @throws IllegalArgumentException if the model's forecast queries do not answer that far ahead
   */
  public AgentModel withHorizon(int horizon) {
    return new AgentModel(manifest, device, intraOpThreads, encoder, tokens, horizon);
  }

  /**
   * The forecast queries after each window: {@code horizon - 1} for a model trained to answer them,
   * else 0.
   */
  public int forecastQueries() {
    return manifest.forecastQueries().isPresent() ? horizon - 1 : 0;
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

  /**
   * A new ONNX session of the model on the device, taking a window and its forecast queries; the
   * caller closes it.
   */
  public OnnxEmbedder newEmbedder() {
    return OnnxEmbedder.builder()
        .manifest(embedderManifest())
        .device(device)
        .intraOpThreads(intraOpThreads)
        .build();
  }

  /**
   * A new encoder of the model's input format, asking {@link #forecastQueries()} after each window;
   * the caller closes it (a text encoder holds a tokenizer).
   */
  public WindowEncoder newEncoder() {
    if (manifest.inputFormat() == InputFormat.CHRONOS_TOKENS) {
      ChronosEncoder window = chronos();
      return forecastQueries() == 0
          ? window
          : new StepsAheadEncoder(window, manifest.forecastQueries().orElseThrow(), horizon);
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
   *
   * @throws IllegalArgumentException if the model asks its forecast queries for another horizon
   *     than the monitor's (build it {@link #withHorizon} the monitor's)
   */
  public SoftmaxSources forecasts(MonitorSettings monitor) {
    if (manifest.forecastQueries().isPresent() && monitor.horizon() != horizon) {
      throw new IllegalArgumentException(
          "the monitor forecasts "
              + monitor.horizon()
              + " steps ahead but model "
              + manifest.name()
              + " is asked "
              + horizon
              + " steps ahead: build the model withHorizon("
              + monitor.horizon()
              + ")");
    }
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
        manifest
            .logitsSource(
                manifest.inputFormat() == InputFormat.CHRONOS_TOKENS
                    ? Optional.of(chronos().scaling())
                    : Optional.empty())
            .forEveryFeed());
  }

  /** The width of the model's window vectors, when its manifest says it. */
  public OptionalInt width() {
    return manifest.hiddenWidth();
  }

  /**
   * The manifest the embedder runs: the model's, taking its forecast queries on top of the window's
   * tokens (whose count the encoder reads from {@code manifest.maxTokens()}).
   */
  private ModelManifest embedderManifest() {
    int queries = forecastQueries();
    return queries == 0
        ? manifest
        : manifest.toBuilder().maxTokens(manifest.maxTokens() + queries).build();
  }

  private ChronosEncoder chronos() {
    return tokens.orElse(encoder.chronos()).encoder(manifest.maxTokens());
  }
}
