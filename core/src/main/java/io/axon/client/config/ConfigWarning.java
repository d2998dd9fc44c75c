package io.axon.client.config;

import java.nio.file.Path;

/**
 * Something in the config file that is ignored, such as an unknown key.
 *
 * @param file the config file
 * @param line the 1-based line the warning is about
 * @param message what is wrong
 */
public record ConfigWarning(Path file, int line, String message) {

  /** {@code file:line: message}, the form compilers use, so editors can jump to it. */
  @Override
  public String toString() {
    return "%s:%d: %s".formatted(file, line, message);
  }
}
