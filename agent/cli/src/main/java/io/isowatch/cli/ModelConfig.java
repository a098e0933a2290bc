package io.isowatch.cli;

import io.isowatch.core.embed.BundledModels;
import io.isowatch.core.embed.ModelManifest;
import io.isowatch.core.embed.Pooling;
import io.isowatch.core.encode.ResourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code model} section of a configuration: a bundled model ({@code bundled: int8}, the
 * default) or a user's own ONNX export ({@code custom:} with the fields of a {@link
 * ModelManifest}).
 *
 * @param manifest the model to load
 * @param custom whether it is the user's export (its files are then checked at start)
 */
record ModelConfig(ModelManifest manifest, boolean custom) {
  static final BundledModels DEFAULT_BUNDLED = BundledModels.INT8;

  /** The manifest builder's field names as the configuration spells them. */
  private static final Map<String, String> FIELD_NAMES =
      Map.of(
          "inputIdsName", "input-ids",
          "attentionMaskName", "attention-mask",
          "tokenTypeIdsName", "token-type-ids",
          "hiddenStateOutput", "hidden-state-output",
          "logitsOutput", "logits-output",
          "maxTokens", "max-tokens",
          "hiddenWidth", "width");

  static ModelConfig read(ConfigNode model) throws InputFormatException {
    model.allowOnly("bundled", "custom");
    if (model.has("bundled") && model.has("custom")) {
      throw model.error("give either bundled or custom, not both");
    }
    if (!model.has("custom")) {
      BundledModels bundled =
          model.choice("bundled", DEFAULT_BUNDLED, ConfigNode.labels(BundledModels.class));
      return new ModelConfig(bundled.manifest(), false);
    }
    ConfigNode custom =
        model
            .section("custom")
            .allowOnly(
                "onnx",
                "tokenizer",
                "name",
                "variant",
                "input-ids",
                "attention-mask",
                "token-type-ids",
                "hidden-state-output",
                "logits-output",
                "pooling",
                "max-tokens",
                "width");
    Path onnx = custom.requiredPath("onnx");
    Path tokenizer = custom.requiredPath("tokenizer");
    ModelManifest.Builder builder =
        ModelManifest.builder()
            .model(ResourceLocation.file(onnx))
            .tokenizer(ResourceLocation.file(tokenizer))
            .variant(custom.rawText("variant", ""))
            .inputIdsName(custom.text("input-ids", ModelManifest.DEFAULT_INPUT_IDS_NAME))
            .attentionMaskName(
                custom.text("attention-mask", ModelManifest.DEFAULT_ATTENTION_MASK_NAME))
            .hiddenStateOutput(
                custom.text("hidden-state-output", ModelManifest.DEFAULT_HIDDEN_STATE_OUTPUT))
            .pooling(
                custom.choice(
                    "pooling", ModelManifest.DEFAULT_POOLING, ConfigNode.labels(Pooling.class)))
            .maxTokens(custom.atLeast("max-tokens", ModelManifest.DEFAULT_MAX_TOKENS, 1));
    custom.optionalText("name").ifPresent(builder::name);
    custom.optionalText("token-type-ids").ifPresent(builder::tokenTypeIdsName);
    custom.optionalText("logits-output").ifPresent(builder::logitsOutput);
    custom.optionalInteger("width", 1, Integer.MAX_VALUE).ifPresent(builder::hiddenWidth);
    try {
      return new ModelConfig(builder.build(), true);
    } catch (IllegalArgumentException e) {
      throw custom.error(OptionNames.rename(e.getMessage(), FIELD_NAMES));
    }
  }

  /**
   * Checks that a custom model's files exist, before anything is loaded.
   *
   * @throws InputFormatException naming the key and the path of a missing file
   */
  void requireFiles() throws InputFormatException {
    if (!custom) {
      return;
    }
    requireFile("model.custom.onnx", manifest.model());
    requireFile("model.custom.tokenizer", manifest.tokenizer());
  }

  private static void requireFile(String key, ResourceLocation location)
      throws InputFormatException {
    Path path = ((ResourceLocation.File) location).path();
    if (Files.isDirectory(path)) {
      throw new InputFormatException(key + ": " + path + " is a directory, not a file");
    }
    if (!Files.isRegularFile(path)) {
      throw new InputFormatException(key + ": no such file: " + path);
    }
    if (!Files.isReadable(path)) {
      throw new InputFormatException(key + ": cannot read " + path + ": permission denied");
    }
  }
}
