package io.isowatch.engine.spec;

import io.isowatch.core.embed.NumericVocabulary;
import io.isowatch.core.encode.ForecastQueries;
import io.isowatch.model.embed.InputFormat;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.embed.Pooling;
import io.isowatch.model.encode.ResourceLocation;
import java.io.Serializable;

/**
 * A user's own {@link ModelManifest} in Java-serializable form: every field, its locations as the
 * text {@link ResourceLocation#parse} reads and its optional fields as {@code null} when absent.
 * The files stay where they are; an engine that runs the model elsewhere ships them itself (the
 * Flink job through its distributed cache) and points the manifest at its copies.
 */
record ShippedManifest(
    String name,
    String variant,
    String model,
    InputFormat inputFormat,
    String textTokenizer,
    String inputIdsName,
    String attentionMaskName,
    String tokenTypeIdsName,
    String hiddenStateOutput,
    String logitsOutput,
    Pooling pooling,
    int maxTokens,
    Integer hiddenWidth,
    NumericVocabulary numericVocabulary,
    ForecastQueries forecastQueries)
    implements Serializable {

  static ShippedManifest of(ModelManifest manifest) {
    return new ShippedManifest(
        manifest.name(),
        manifest.variant(),
        location(manifest.model()),
        manifest.inputFormat(),
        manifest.textTokenizer().map(ShippedManifest::location).orElse(null),
        manifest.inputIdsName(),
        manifest.attentionMaskName(),
        manifest.tokenTypeIdsName().orElse(null),
        manifest.hiddenStateOutput(),
        manifest.logitsOutput().orElse(null),
        manifest.pooling(),
        manifest.maxTokens(),
        manifest.hiddenWidth().isPresent() ? manifest.hiddenWidth().getAsInt() : null,
        manifest.numericVocabulary().orElse(null),
        manifest.forecastQueries().orElse(null));
  }

  /** The manifest again, through its builder: every check runs on the receiving side. */
  ModelManifest manifest() {
    ModelManifest.Builder builder =
        ModelManifest.builder()
            .name(name)
            .variant(variant)
            .model(ResourceLocation.parse(model))
            .inputFormat(inputFormat)
            .inputIdsName(inputIdsName)
            .attentionMaskName(attentionMaskName)
            .hiddenStateOutput(hiddenStateOutput)
            .pooling(pooling)
            .maxTokens(maxTokens);
    if (textTokenizer != null) {
      builder.tokenizer(ResourceLocation.parse(textTokenizer));
    }
    if (tokenTypeIdsName != null) {
      builder.tokenTypeIdsName(tokenTypeIdsName);
    }
    if (logitsOutput != null) {
      builder.logitsOutput(logitsOutput);
    }
    if (hiddenWidth != null) {
      builder.hiddenWidth(hiddenWidth);
    }
    if (numericVocabulary != null) {
      builder.numericVocabulary(numericVocabulary);
    }
    if (forecastQueries != null) {
      builder.forecastQueries(forecastQueries);
    }
    return builder.build();
  }

  private static String location(ResourceLocation location) {
    return location instanceof ResourceLocation.File file
        ? file.path().toString()
        : ResourceLocation.CLASSPATH_PREFIX + ((ResourceLocation.Classpath) location).name();
  }
}
