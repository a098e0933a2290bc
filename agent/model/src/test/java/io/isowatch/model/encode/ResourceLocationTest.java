package io.isowatch.model.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceLocationTest {

  @Test
  void parseReadsTheClasspathPrefixAndTakesEverythingElseAsAPath() {
    assertThat(ResourceLocation.parse("classpath:all-minilm-l6-v2.onnx"))
        .isEqualTo(ResourceLocation.classpath("all-minilm-l6-v2.onnx"));
    assertThat(ResourceLocation.parse("models/model.onnx"))
        .isEqualTo(ResourceLocation.file(Path.of("models/model.onnx")));
    assertThat(ResourceLocation.classpath("/a/b.json"))
        .isEqualTo(ResourceLocation.classpath("a/b.json"));
  }

  @Test
  void fileNameIsTheLastSegment() {
    assertThat(ResourceLocation.parse("classpath:dir/tokenizer.json").fileName())
        .isEqualTo("tokenizer.json");
    assertThat(ResourceLocation.parse("/tmp/m/model.onnx").fileName()).isEqualTo("model.onnx");
  }

  @Test
  void opensFilesAndBundledResources(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("t.json"), "{}");
    try (InputStream in = ResourceLocation.file(file).open()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }
    assertThat(ResourceLocation.classpath("all-minilm-l6-v2-q-tokenizer.json").exists()).isTrue();
  }

  @Test
  void aMissingArtifactIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.onnx");

    assertThat(ResourceLocation.file(missing).exists()).isFalse();
    assertThatThrownBy(() -> ResourceLocation.file(missing).open())
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing.toAbsolutePath() + ": no such file");
    assertThatThrownBy(() -> ResourceLocation.classpath("nope.onnx").open())
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage("classpath:nope.onnx: no such resource on the classpath");
  }

  @Test
  void blankResourceNamesAreRejected() {
    assertThatThrownBy(() -> ResourceLocation.classpath(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("classpath resource name must not be blank");
  }
}
