package io.axon.controller.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub issue or pull request a Task reports to, read from the page link its spawner put on it
 * ({@code https://HOST/OWNER/REPO/issues/N} or {@code .../pull/N}).
 *
 * @param apiBaseURL the REST API root, without a trailing slash
 * @param pullRequest whether the item is a pull request (Check Runs go only there)
 */
public record ReportTarget(
    String apiBaseURL, String owner, String repo, long number, boolean pullRequest) {

  static final String GITHUB_API = "https://api.github.com";

  private static final Pattern PAGE =
      Pattern.compile("^/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)/(issues|pull)/([0-9]{1,18})/?$");

  /**
   * The target of an item link, or empty when the link is not a GitHub issue or pull request.
   *
   * @param apiBaseURL the API root the spawner's source uses (its {@code apiBaseURL} setting), or
   *     null to derive it from the link's host as the source does
   */
  public static Optional<ReportTarget> parse(String itemURL, String apiBaseURL) {
    if (itemURL == null || itemURL.isBlank()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(itemURL.strip());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      return Optional.empty();
    }
    Matcher page = PAGE.matcher(uri.getPath() == null ? "" : uri.getPath());
    if (!page.matches()) {
      return Optional.empty();
    }
    String api = apiBaseURL == null || apiBaseURL.isBlank() ? derivedApi(uri) : apiBaseURL.strip();
    while (api.endsWith("/")) {
      api = api.substring(0, api.length() - 1);
    }
    return Optional.of(
        new ReportTarget(
            api,
            page.group(1),
            page.group(2),
            Long.parseLong(page.group(4)),
            page.group(3).equals("pull")));
  }

  /** The host the API calls go to, lower-case: the one a token must be allowed to reach. */
  public String apiHost() {
    return URI.create(apiBaseURL).getHost().toLowerCase(Locale.ROOT);
  }

  String repoPath() {
    return "/repos/" + owner + "/" + repo;
  }

  private static String derivedApi(URI page) {
    String host = page.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("github.com") || host.equals("www.github.com")) {
      return GITHUB_API;
    }
    String port = page.getPort() == -1 ? "" : ":" + page.getPort();
    return page.getScheme().toLowerCase(Locale.ROOT) + "://" + host + port + "/api/v3";
  }
}
