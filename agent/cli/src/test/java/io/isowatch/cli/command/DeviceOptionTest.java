package io.isowatch.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.model.embed.Device;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The one {@code --device} option: the embedder's default, any device by name, others refused. */
class DeviceOptionTest {
  @Command(name = "runs-a-model")
  static final class RunsAModel {
    @Mixin DeviceOption device;
  }

  @Test
  void theDefaultIsTheEmbeddersAndEveryDeviceReadsByName() {
    RunsAModel command = new RunsAModel();
    CommandLine line = new CommandLine(command);

    line.parseArgs();
    assertThat(command.device.device()).isEqualTo(Device.CPU);
    line.parseArgs("--device", "CUDA");
    assertThat(command.device.device()).isEqualTo(Device.CUDA);
    assertThat(line.getUsageMessage().replaceAll("\\s+", " "))
        .contains("CPU, CUDA, AUTO (default: CPU)");
    assertThatThrownBy(() -> line.parseArgs("--device", "GPU"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("expected one of [CPU, CUDA, AUTO]");
  }
}
