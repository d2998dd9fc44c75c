package io.axon.cli.output;

/** The {@code -o} formats of {@code axon get}. */
public enum OutputFormat {
  wide,
  yaml,
  json
}
