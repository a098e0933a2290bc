package io.isowatch.model.embed;

import java.util.Locale;

/** Where {@link OnnxEmbedder} runs the model. */
public enum Device {
  /** The CPU, always available. */
  CPU,
  /**
   * An NVIDIA GPU through ONNX Runtime's CUDA provider (needs the {@code onnxruntime_gpu} artifact
   * and CUDA libraries on the host). When it is not available the embedder warns and runs on CPU.
   */
  CUDA,
  /** CUDA when available, else CPU without a warning. */
  AUTO;

  /** Lower-case name for logs and {@code describe()}, e.g. {@code "cpu"}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
