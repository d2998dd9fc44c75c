package io.axon.client.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The commented config file that {@code axon init} writes: every key, none set. */
public final class ConfigTemplate {
  private static final String RESOURCE = "config-template.yaml";

  private ConfigTemplate() {}

  /** The template's text. */
  public static String text() {
    try (InputStream in = ConfigTemplate.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
