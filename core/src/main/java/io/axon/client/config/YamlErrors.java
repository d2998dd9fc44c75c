package io.axon.client.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** One-line messages for YAML a person wrote wrong, naming the file and, when known, the line. */
public final class YamlErrors {
  private YamlErrors() {}

  /** {@code FILE:LINE: not valid YAML: PROBLEM}, or without the line when the parser gave none. */
  public static String describe(String file, YamlEngineException e) {
    if (e instanceof MarkedYamlEngineException marked) {
      int line =
          marked.getProblemMark().or(marked::getContextMark).map(m -> m.getLine() + 1).orElse(0);
      return "%s:%d: not valid YAML: %s".formatted(file, line, firstLine(marked.getProblem()));
    }
    return "%s: not valid YAML: %s".formatted(file, firstLine(e.getMessage()));
  }

  /** The YAML parser's error somewhere in {@code failure}'s causes, if it is there. */
  public static Optional<YamlEngineException> find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof YamlEngineException yaml) {
        return Optional.of(yaml);
      }
    }
    return Optional.empty();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "syntax error";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
