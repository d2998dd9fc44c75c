package io.axon.agent.entrypoint;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Remembers the last pull request URL ({@code https://<host>/<owner>/<repo>/pull/<n>}) seen in an
 * agent's output. The raw lines are scanned, so it works for any agent type and finds links in the
 * agent's text as well as in its tools' output (for example {@code gh pr create}).
 */
final class PullRequestLinks {

  private static final Pattern PULL_REQUEST =
      Pattern.compile(
          "https://[A-Za-z0-9.-]+(?::[0-9]+)?/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/pull/[0-9]+");

  private String last;

  void scan(String text) {
    Matcher matcher = PULL_REQUEST.matcher(text);
    while (matcher.find()) {
      last = matcher.group();
    }
  }

  Optional<String> last() {
    return Optional.ofNullable(last);
  }
}
