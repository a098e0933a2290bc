package io.isowatch.cli;

import io.isowatch.core.embed.BundledModels;
import io.isowatch.core.embed.ModelManifest;
import io.isowatch.core.embed.NumericLanguageModel;
import io.isowatch.core.encode.TextSerializationEncoder;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.predict.ModelLogitsSource;
import io.isowatch.core.predict.SoftmaxSources;
import java.util.Optional;

/**
 * The bundled models {@code evaluate} can run: MiniLM (text, forecasts from the online head) or the
 * project's numeric LM (Chronos tokens, forecasts from its own logits).
 */
enum EvaluationModel {
  INT8,
  FP32,
  NUMERIC_LM;

  ModelManifest manifest() {
    return switch (this) {
      case INT8 -> BundledModels.INT8.manifest();
      case FP32 -> BundledModels.FP32.manifest();
      case NUMERIC_LM -> NumericLanguageModel.manifest();
    };
  }

  /** A new encoder for the model; the caller closes it when it is {@link AutoCloseable}. */
  WindowEncoder encoder() {
    if (this == NUMERIC_LM) {
      return NumericLanguageModel.encoder();
    }
    return TextSerializationEncoder.builder()
        .tokenizer(manifest().tokenizer())
        .maxTokens(manifest().maxTokens())
        .build();
  }

  /** Where the monitor's forecasts come from: the model's logits, else the default online head. */
  Optional<SoftmaxSources> forecasts() {
    if (this != NUMERIC_LM) {
      return Optional.empty();
    }
    return Optional.of(
        ModelLogitsSource.of(manifest(), Optional.of(NumericLanguageModel.encoder().scaling()))
            .forEveryFeed());
  }
}
