package io.isowatch.dashboards;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the operations files live, found from the module folder the tests run in. */
final class RepositoryFiles {
  private RepositoryFiles() {}

  /** The repository's root: the first folder upwards holding both dashboards/ and docker/. */
  static Path root() {
    Path folder = Path.of("").toAbsolutePath();
    while (folder != null) {
      if (Files.isDirectory(folder.resolve("dashboards"))
          && Files.isDirectory(folder.resolve("docker"))) {
        return folder;
      }
      folder = folder.getParent();
    }
    throw new IllegalStateException(
        "no folder above " + Path.of("").toAbsolutePath() + " holds dashboards/ and docker/");
  }

  static Path dashboards() {
    return root().resolve("dashboards");
  }

  static Path prometheus() {
    return dashboards().resolve("prometheus");
  }

  static Path grafana() {
    return dashboards().resolve("grafana");
  }

  static Path docker() {
    return root().resolve("docker");
  }
}
