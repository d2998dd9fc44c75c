package io.axon.client.render;

/**
 * Makes text that strangers wrote (model output, tool output, issue titles, status messages) safe
 * to print on a terminal: without control characters, escape sequences lose their introducer and
 * cannot retitle the terminal, recolour it, move the cursor, or overwrite a line with a fake one.
 * Kept: newline and tab. Removed: the other C0 controls (carriage return and escape included), DEL,
 * the C1 controls (U+0080 to U+009F, which some terminals obey as escapes), and the bidirectional
 * overrides and isolates (U+202A to U+202E, U+2066 to U+2069), which make text read otherwise than
 * it is.
 *
 * <p>The one sanitiser for everything Axon's CLI prints that it did not write itself.
 */
public final class TerminalText {
  private TerminalText() {}

  /** The text without the characters above; null stays null. */
  public static String clean(String text) {
    if (text == null) {
      return null;
    }
    int first = firstUnsafe(text);
    if (first < 0) {
      return text;
    }
    StringBuilder clean = new StringBuilder(text.length());
    clean.append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!unsafe(c)) {
        clean.append(c);
      }
    }
    return clean.toString();
  }

  /** {@link #clean} for one line: newlines and tabs become spaces too (table cells). */
  public static String oneLine(String text) {
    if (text == null) {
      return null;
    }
    String clean = clean(text);
    return clean.indexOf('\n') < 0 && clean.indexOf('\t') < 0
        ? clean
        : clean.replace('\n', ' ').replace('\t', ' ');
  }

  private static int firstUnsafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (unsafe(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean unsafe(char c) {
    if (c < 0x20) {
      return c != '\n' && c != '\t';
    }
    return (c >= 0x7f && c <= 0x9f)
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
