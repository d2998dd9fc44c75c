package io.axon.agent.claudecode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The real Claude Code transcripts in {@code src/test/resources/transcripts}. */
final class Transcripts {

  static final List<String> NAMES =
      List.of(
          "api-error",
          "api-error-400",
          "api-error-401",
          "api-error-429",
          "api-error-529",
          "connection-lost",
          "bash-commit",
          "max-turns",
          "pr-url",
          "retry",
          "stream-cut",
          "text-only",
          "tool-error");

  private Transcripts() {}

  static List<String> names() {
    return NAMES;
  }

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
