package io.axon.client.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A config file as read.
 *
 * @param file where it was read from
 * @param exists whether the file exists; a missing file reads as {@link AxonConfig#empty()}
 * @param config its keys
 * @param warnings what was ignored, in file order
 */
public record LoadedConfig(
    Path file, boolean exists, AxonConfig config, List<ConfigWarning> warnings) {

  public LoadedConfig {
    warnings = List.copyOf(warnings);
  }
}
