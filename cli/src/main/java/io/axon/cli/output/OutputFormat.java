package io.axon.cli.output;

/** The {@code -o} formats of {@code axon get}. */
public enum OutputFormat {
  wide,
  yaml,
  json,
  /** {@code task/NAME} a line, for scripts. */
  name,
  /** {@code jsonpath=TEMPLATE}, kubectl's ({@link JsonPathTemplate}). */
  jsonpath
}
