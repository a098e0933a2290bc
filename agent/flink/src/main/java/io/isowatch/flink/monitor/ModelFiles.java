package io.isowatch.flink.monitor;

import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.encode.ResourceLocation;
import org.apache.flink.api.common.cache.DistributedCache;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A user's own model on every task manager. The job registers its files (the ONNX graph and, for a
 * text model, its tokenizer) in Flink's distributed cache, which uploads a local file to the
 * cluster's blob server with the job; each monitor operator then points the model's manifest at its
 * task manager's copies. A bundled model is in the job jar and needs neither. The graph must be one
 * file: ONNX external data beside it is not shipped.
 */
public final class ModelFiles {
  static final String GRAPH = "isowatch-model-graph";
  static final String TOKENIZER = "isowatch-model-tokenizer";

  private ModelFiles() {}

  /** Registers the files of {@code spec}'s model with the job, if it is a user's own. */
  public static void ship(StreamExecutionEnvironment env, AgentSpec spec) {
    if (spec.bundledModel().isPresent()) {
      return;
    }
    register(env, spec.model().model(), GRAPH);
    spec.model().textTokenizer().ifPresent(tokenizer -> register(env, tokenizer, TOKENIZER));
  }

  private static void register(
      StreamExecutionEnvironment env, ResourceLocation location, String name) {
    if (location instanceof ResourceLocation.File file) {
      env.registerCachedFile(file.path().toAbsolutePath().toUri().toString(), name);
    }
  }

  /**
   * {@code spec} with its model's files at this task manager's copies, as {@link #ship} sent them.
   */
  static AgentSpec local(AgentSpec spec, DistributedCache cache) {
    if (spec.bundledModel().isPresent()) {
      return spec;
    }
    ModelManifest shipped = spec.model();
    ModelManifest.Builder local = shipped.toBuilder();
    if (shipped.model() instanceof ResourceLocation.File) {
      local.model(ResourceLocation.file(cache.getFile(GRAPH).toPath()));
    }
    if (shipped.textTokenizer().orElse(null) instanceof ResourceLocation.File) {
      local.tokenizer(ResourceLocation.file(cache.getFile(TOKENIZER).toPath()));
    }
    return spec.toBuilder().model(local.build()).build();
  }
}
