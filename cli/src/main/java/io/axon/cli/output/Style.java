package io.axon.cli.output;

/** ANSI colours, or none: colour is used only on a terminal and when NO_COLOR is unset. */
public final class Style {
  private final boolean color;

  public Style(boolean color) {
    this.color = color;
  }

  public boolean enabled() {
    return color;
  }

  public String green(String text) {
    return paint("32", text);
  }

  public String red(String text) {
    return paint("31", text);
  }

  public String yellow(String text) {
    return paint("33", text);
  }

  public String bold(String text) {
    return paint("1", text);
  }

  public String dim(String text) {
    return paint("2", text);
  }

  private String paint(String code, String text) {
    return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
