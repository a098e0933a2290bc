package io.isowatch.model.encode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a model artifact (an ONNX graph, a tokenizer.json) lives: a file, or a resource on the
 * classpath (how the bundled model ships, inside a jar).
 *
 * <pre>{@code
 * ResourceLocation onDisk = ResourceLocation.file(Path.of("models/gpt2/tokenizer.json"));
 * ResourceLocation bundled = ResourceLocation.parse("classpath:all-minilm-l6-v2.onnx");
 * try (InputStream in = bundled.open()) { ... }
 * }</pre>
 */
public sealed interface ResourceLocation permits ResourceLocation.File, ResourceLocation.Classpath {

  /** Prefix that {@link #parse} reads as a classpath resource, and that {@link #toString} gives. */
  String CLASSPATH_PREFIX = "classpath:";

  static ResourceLocation file(Path path) {
    return new File(path);
  }

  static ResourceLocation classpath(String name) {
    return new Classpath(name);
  }

  /** {@code "classpath:NAME"} is a classpath resource; anything else is a file path. */
  static ResourceLocation parse(String text) {
    Objects.requireNonNull(text, "location");
    return text.startsWith(CLASSPATH_PREFIX)
        ? classpath(text.substring(CLASSPATH_PREFIX.length()))
        : file(Path.of(text));
  }

  /** The last segment of the path or resource name, e.g. {@code "all-minilm-l6-v2.onnx"}. */
  String fileName();

  boolean exists();

  /**
   * Opens the artifact for reading.
   *
   * @throws NoSuchFileException naming the location when there is nothing there
   */
  InputStream open() throws IOException;

  /** A file on disk. */
  record File(Path path) implements ResourceLocation {
    public File {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String fileName() {
      Path name = path.getFileName();
      return name == null ? path.toString() : name.toString();
    }

    @Override
    public boolean exists() {
      return Files.isRegularFile(path);
    }

    @Override
    public InputStream open() throws IOException {
      if (!exists()) {
        throw new NoSuchFileException(toString(), null, "no such file");
      }
      return Files.newInputStream(path);
    }

    @Override
    public String toString() {
      return path.toAbsolutePath().toString();
    }
  }

  /**
   * A resource found by the class loader of the core (for example inside a jar on the classpath).
   */
  record Classpath(String name) implements ResourceLocation {
    public Classpath {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("classpath resource name must not be blank");
      }
      if (name.startsWith("/")) {
        name = name.substring(1);
      }
    }

    @Override
    public String fileName() {
      return name.substring(name.lastIndexOf('/') + 1);
    }

    @Override
    public boolean exists() {
      return loader().getResource(name) != null;
    }

    @Override
    public InputStream open() throws IOException {
      InputStream in = loader().getResourceAsStream(name);
      if (in == null) {
        throw new NoSuchFileException(toString(), null, "no such resource on the classpath");
      }
      return in;
    }

    private static ClassLoader loader() {
      ClassLoader loader = ResourceLocation.class.getClassLoader();
      return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }

    @Override
    public String toString() {
      return CLASSPATH_PREFIX + name;
    }
  }
}
