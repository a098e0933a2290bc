package io.isowatch.connectors.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {
  @TempDir Path dir;

  @Test
  void readsEnvAndFilesAndNeverPrintsTheValue() throws Exception {
    Secret fromEnv = Secret.fromEnv("TOKEN", Map.of("TOKEN", "s3cr3t"));
    assertThat(fromEnv.reveal()).isEqualTo("s3cr3t");
    assertThat(fromEnv.toString()).isEqualTo("secret from env TOKEN").doesNotContain("s3cr3t");
    Path file = Files.writeString(dir.resolve("key"), "k3y-value\n");
    Secret fromFile = Secret.fromFile(file);
    assertThat(fromFile.reveal()).isEqualTo("k3y-value");
    assertThat(fromFile.toString()).isEqualTo("secret from file " + file);
  }

  @Test
  void anAbsentSecretFailsNamingWhereItWasLookedFor() throws Exception {
    assertThatThrownBy(() -> Secret.fromEnv("NOPE", Map.of()))
        .hasMessage("environment variable NOPE is not set or empty");
    assertThatThrownBy(() -> Secret.fromFile(Files.writeString(dir.resolve("empty"), "\n")))
        .hasMessage("secret file " + dir.resolve("empty") + " is empty");
    assertThatThrownBy(() -> Secret.fromFile(dir.resolve("missing")))
        .hasMessageStartingWith("cannot read secret file " + dir.resolve("missing"));
  }
}
