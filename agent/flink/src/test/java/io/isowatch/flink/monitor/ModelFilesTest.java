package io.isowatch.flink.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.encode.ResourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.flink.api.common.cache.DistributedCache;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job registers a user's own model files in the distributed cache, and an operator's spec
 * points at the task manager's copies; a bundled model needs neither.
 */
class ModelFilesTest {
  @TempDir Path folder;

  @Test
  void aUsersGraphAndTokenizerAreShippedAndReadFromTheTaskManagersCopies() throws Exception {
    Path graph = Files.writeString(folder.resolve("mine.onnx"), "graph");
    Path tokenizer = Files.writeString(folder.resolve("tokenizer.json"), "{}");
    ModelManifest mine =
        ModelManifest.builder()
            .name("mine")
            .model(ResourceLocation.file(graph))
            .tokenizer(ResourceLocation.file(tokenizer))
            .build();
    AgentSpec spec = AgentSpec.builder().model(mine).build();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

    ModelFiles.ship(env, spec);

    assertThat(env.getCachedFiles())
        .extracting(entry -> Tuple2.of(entry.f0, entry.f1.filePath))
        .containsExactlyInAnyOrder(
            Tuple2.of(ModelFiles.GRAPH, graph.toUri().toString()),
            Tuple2.of(ModelFiles.TOKENIZER, tokenizer.toUri().toString()));

    Path graphCopy = folder.resolve("copies/graph");
    Path tokenizerCopy = folder.resolve("copies/tokenizer");
    AgentSpec local =
        ModelFiles.local(
            spec, cache(Map.of(ModelFiles.GRAPH, graphCopy, ModelFiles.TOKENIZER, tokenizerCopy)));

    assertThat(local.model().model()).isEqualTo(ResourceLocation.file(graphCopy));
    assertThat(local.model().textTokenizer()).contains(ResourceLocation.file(tokenizerCopy));
    assertThat(local.toBuilder().model(mine).build()).isEqualTo(spec);
  }

  @Test
  void aBundledModelIsInTheJarAndNeedsNoCache() {
    AgentSpec spec = AgentSpec.builder().model(ModelChoice.NUMERIC_LM).build();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

    ModelFiles.ship(env, spec);

    assertThat(env.getCachedFiles()).isEmpty();
    assertThat(ModelFiles.local(spec, cache(Map.of()))).isSameAs(spec);
  }

  /** A task manager's cache whose files are already at {@code copies}. */
  private static DistributedCache cache(Map<String, Path> copies) {
    Map<String, Future<org.apache.flink.core.fs.Path>> files =
        copies.entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    entry ->
                        CompletableFuture.completedFuture(
                            new org.apache.flink.core.fs.Path(entry.getValue().toUri()))));
    return new DistributedCache(files);
  }
}
