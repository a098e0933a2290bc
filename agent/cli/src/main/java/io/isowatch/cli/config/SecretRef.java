package io.isowatch.cli.config;

import io.isowatch.connectors.secret.Secret;
import io.isowatch.engine.spec.ConfigNode;
import io.isowatch.engine.spec.InputFormatException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a secret is, as a configuration or a command line says: an environment variable or a file,
 * never the value itself. Read when the connector opens, so that a configuration can be checked
 * (and the reference parsed) without the secrets at hand.
 *
 * @param option the option's name for messages, e.g. {@code password} or {@code --token-env}
 * @param env the environment variable holding it
 * @param file the file holding it
 */
public record SecretRef(String option, Optional<String> env, Optional<Path> file) {
  public SecretRef {
    Objects.requireNonNull(option, "option");
    if (env.isPresent() == file.isPresent()) {
      throw new IllegalArgumentException(option + ": give exactly one of env and file");
    }
  }

  public static SecretRef env(String option, String name) {
    return new SecretRef(option, Optional.of(name), Optional.empty());
  }

  public static SecretRef file(String option, Path path) {
    return new SecretRef(option, Optional.empty(), Optional.of(path));
  }

  /**
   * @throws IllegalArgumentException naming the option and the variable or file
   */
  public Secret resolve() {
    try {
      return env.isPresent() ? Secret.fromEnv(env.get()) : Secret.fromFile(file.orElseThrow());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  /** Reads {@code {env: NAME}} or {@code {file: PATH}} at {@code key}, if present. */
  public static Optional<SecretRef> read(ConfigNode node, String key) throws InputFormatException {
    if (!node.has(key)) {
      return Optional.empty();
    }
    ConfigNode secret = node.section(key).allowOnly("env", "file");
    Optional<String> env = secret.optionalText("env");
    Optional<Path> file = secret.optionalPath("file");
    if (env.isPresent() == file.isPresent()) {
      throw node.error(
          key, "give exactly one of env (a variable's name) and file (a path), never the secret");
    }
    return Optional.of(new SecretRef(node.path(key), env, file));
  }
}
