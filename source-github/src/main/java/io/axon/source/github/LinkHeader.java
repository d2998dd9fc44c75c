package io.axon.source.github;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GitHub's pagination: {@code Link: <url>; rel="next", <url>; rel="last"}. */
final class LinkHeader {

  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^,;]+)*)");
  private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel=\"?([^\";]*)\"?");

  private LinkHeader() {}

  /** The URL of the next page, or empty on the last page. */
  static Optional<String> next(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher link = LINK.matcher(header);
    while (link.find()) {
      Matcher rel = REL_NEXT.matcher(link.group(2));
      while (rel.find()) {
        for (String value : rel.group(1).trim().split("\\s+")) {
          if (value.equals("next")) {
            return Optional.of(link.group(1));
          }
        }
      }
    }
    return Optional.empty();
  }
}
