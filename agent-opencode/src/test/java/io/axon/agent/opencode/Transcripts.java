package io.axon.agent.opencode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The real OpenCode transcripts in {@code src/test/resources/transcripts}. */
final class Transcripts {

  static final List<String> NAMES = List.of("commit", "error", "max-turns", "text", "tool-error");

  private Transcripts() {}

  static List<String> lines(String name) {
    try (InputStream in =
        Transcripts.class.getResourceAsStream("/transcripts/" + name + ".jsonl")) {
      if (in == null) {
        throw new IllegalArgumentException("no transcript " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
