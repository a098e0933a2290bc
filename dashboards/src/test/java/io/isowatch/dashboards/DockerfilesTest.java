package io.isowatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Dockerfiles read as text, since no engine builds them here: multi-stage builds with the Maven
 * wrapper, an unprivileged user, a health check, and build commands that name modules and profiles
 * that exist in the reactor.
 */
class DockerfilesTest {
  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile", "Dockerfile.cuda", "Dockerfile.flink"})
  void buildsWithTheWrapperAndRunsUnprivilegedWithAHealthCheck(String name) throws IOException {
    String dockerfile = Files.readString(RepositoryFiles.docker().resolve(name));
    assertThat(Pattern.compile("(?m)^FROM ").matcher(dockerfile).results().count())
        .as("stages of %s", name)
        .isGreaterThanOrEqualTo(2);
    assertThat(dockerfile).contains("AS build", "./mvnw -B", "COPY --from=build", "HEALTHCHECK");
    Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
    String lastUser = null;
    while (user.find()) {
      lastUser = user.group(1);
    }
    assertThat(lastUser).as("the user the image runs as").isNotNull().isNotIn("root", "0");
  }

  @Test
  void theCudaImageBuildsTheCudaProfileOnAnNvidiaCudaBase() throws IOException {
    String dockerfile = Files.readString(RepositoryFiles.docker().resolve("Dockerfile.cuda"));
    assertThat(dockerfile).contains("./mvnw -B -q -Pcuda").contains("FROM nvidia/cuda:12.");
    assertThat(dockerfile).containsPattern("FROM nvidia/cuda:12\\.[0-9.]+-cudnn-runtime");
    String pom = Files.readString(RepositoryFiles.root().resolve("pom.xml"));
    assertThat(pom).contains("<id>cuda</id>").contains("onnxruntime_gpu");
  }

  @Test
  void theBuiltModulesAndTheWrapperExist() throws IOException {
    Path root = RepositoryFiles.root();
    assertThat(root.resolve("mvnw")).isExecutable();
    assertThat(root.resolve(".mvn/wrapper/maven-wrapper.properties")).exists();
    for (String name : List.of("Dockerfile", "Dockerfile.cuda")) {
      String dockerfile = Files.readString(RepositoryFiles.docker().resolve(name));
      assertThat(dockerfile).contains("-pl agent/cli -am package");
      assertThat(root.resolve("agent/cli/pom.xml")).exists();
      assertThat(Files.readString(root.resolve("agent/cli/pom.xml")))
          .contains("<finalName>isowatch</finalName>");
      assertThat(dockerfile).contains("agent/cli/target/isowatch.jar");
    }
  }

  @Test
  void theBuildContextLeavesOutBuildOutputs() throws IOException {
    String ignore = Files.readString(RepositoryFiles.root().resolve(".dockerignore"));
    assertThat(ignore).contains("**/target/", ".git/");
  }
}
