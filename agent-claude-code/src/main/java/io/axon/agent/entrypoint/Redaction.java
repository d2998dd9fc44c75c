package io.axon.agent.entrypoint;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from text the entrypoint reports (the agent's last words on standard error,
 * its final message), which becomes the Task's status message, its Events and the bridge's
 * messages: first the values of the credential variables it was given, whatever they look like,
 * then anything shaped like a well-known token. Also caps the text's length.
 */
final class Redaction {
  static final String REDACTED = "[redacted]";

  /** The longest report kept: a status message is read on one screen. */
  static final int MAX_LENGTH = 1_000;

  /** Shorter values are not looked for: a "1" would redact every digit. */
  private static final int MIN_SECRET_LENGTH = 8;

  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|CREDENTIAL|AUTH).*");

  /** Each pattern's group "secret" is what goes; the rest of the match says what it was. */
  private static final List<Pattern> TOKEN_SHAPES =
      List.of(
          // credentials inside a URL (https://user:secret@host), before the key=value shape sees
          // "token:secret" in it
          Pattern.compile("://(?<secret>[^/\\s:@]+:[^/\\s@]+)@"),
          // Anthropic keys and OAuth tokens
          Pattern.compile("(?<secret>sk-ant-[A-Za-z0-9_-]{8,})"),
          // GitHub tokens: classic, fine-grained, app and OAuth
          Pattern.compile("\\b(?<secret>gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,})"),
          // Authorization headers
          Pattern.compile("(?i)\\bbearer\\s+(?<secret>[A-Za-z0-9._~+/=-]{8,})"),
          Pattern.compile("\\bBasic\\s+(?<secret>[A-Za-z0-9+/]{8,}={0,2})"),
          // key=value and "key": "value" pairs that name a secret
          Pattern.compile(
              "(?i)[a-z_-]*(token|secret|password|passwd|api[_-]?key)\"?\\s*[:=]\\s*\"?"
                  + "(?<secret>[^\\s\"',;&]{8,})"));

  private final List<String> secrets;

  private Redaction(List<String> secrets) {
    this.secrets = secrets;
  }

  /** Looks for the values of every variable in {@code env} whose name says it holds a secret. */
  static Redaction of(Map<String, String> env) {
    return new Redaction(
        env.entrySet().stream()
            .filter(e -> SECRET_NAME.matcher(e.getKey()).matches())
            .map(Map.Entry::getValue)
            .filter(v -> v != null && v.strip().length() >= MIN_SECRET_LENGTH)
            .map(String::strip)
            .distinct()
            // Longest first, so that a secret containing another is removed whole.
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList());
  }

  /** The text without credentials, at most {@link #MAX_LENGTH} characters; null stays null. */
  String apply(String text) {
    if (text == null) {
      return null;
    }
    String clean = text;
    for (String secret : secrets) {
      clean = clean.replace(secret, REDACTED);
    }
    for (Pattern shape : TOKEN_SHAPES) {
      Matcher matcher = shape.matcher(clean);
      StringBuilder out = new StringBuilder();
      int copied = 0;
      while (matcher.find()) {
        out.append(clean, copied, matcher.start("secret")).append(REDACTED);
        copied = matcher.end("secret");
      }
      clean = out.append(clean, copied, clean.length()).toString();
    }
    return cap(clean);
  }

  private static String cap(String text) {
    if (text.length() <= MAX_LENGTH) {
      return text;
    }
    int end = MAX_LENGTH - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
