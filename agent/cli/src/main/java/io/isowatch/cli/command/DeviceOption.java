package io.isowatch.cli.command;

import io.isowatch.model.embed.Device;
import io.isowatch.model.embed.OnnxEmbedder;
import picocli.CommandLine.Option;

/**
 * The {@code --device} option of every command that runs a model (demo, replay, watch, evaluate,
 * forecast-accuracy), declared once as a picocli mixin: where the model runs, the embedder's own
 * default unless told otherwise.
 *
 * <pre>{@code
 * @Mixin DeviceOption device;
 * ... OnnxEmbedder.builder().device(device.device()) ...
 * }</pre>
 */
public final class DeviceOption {
  @Option(
      names = "--device",
      description = "Where to run the model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private Device device = OnnxEmbedder.DEFAULT_DEVICE;

  /** The device asked for. */
  public Device device() {
    return device;
  }
}
