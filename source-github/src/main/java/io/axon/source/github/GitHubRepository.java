package io.axon.source.github;

import io.axon.spi.source.WorkSourceException;
import io.axon.spi.source.WorkSourceException.Reason;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GitHub repository as named by a Workspace's clone URL, with the REST API that serves it.
 *
 * @param apiBaseURL the REST API root, without a trailing slash: {@code https://api.github.com} for
 *     github.com, {@code https://HOST/api/v3} for GitHub Enterprise Server
 * @param owner the user or organisation
 * @param name the repository name, without {@code .git}
 */
record GitHubRepository(String apiBaseURL, String owner, String name) {

  static final String GITHUB_API = "https://api.github.com";

  private static final String EXPECTED =
      "expected https://github.com/OWNER/REPO(.git), git@github.com:OWNER/REPO.git or"
          + " ssh://git@HOST/OWNER/REPO.git";

  private static final String API_EXAMPLE =
      "an API root such as https://github.example.com/api/v3 (GitHub Enterprise Server) or"
          + " https://api.github.com";

  // git@host:owner/repo(.git) — the scp-like form git accepts for SSH.
  private static final Pattern SCP_LIKE = Pattern.compile("^[\\w.+-]+@([^:/\\s]+):/?(.+)$");
  // GitHub's rules for owner and repository names.
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]+");

  /** The API path of this repository's issues. */
  String issuesURL() {
    return apiBaseURL + "/repos/" + owner + "/" + name + "/issues";
  }

  /** {@code owner/name}, as people write it. */
  String slug() {
    return owner + "/" + name;
  }

  /**
   * Reads a repository from a clone URL. {@code apiBaseURLOverride}, when not null, replaces the
   * API root derived from the host.
   *
   * @throws WorkSourceException INVALID_CONFIG when the URL names no repository
   */
  static GitHubRepository parse(String repoURL, String apiBaseURLOverride) {
    if (repoURL == null || repoURL.isBlank()) {
      throw invalid("the Workspace has no repository URL; " + EXPECTED);
    }
    String url = repoURL.strip();
    String host;
    int port = -1;
    boolean https = false;
    String path;
    Matcher scp = SCP_LIKE.matcher(url);
    if (!url.contains("://") && scp.matches()) {
      host = scp.group(1);
      path = scp.group(2);
    } else {
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        throw invalid("cannot read repository URL '%s': %s".formatted(url, EXPECTED));
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https")
          && !scheme.equals("http")
          && !scheme.equals("ssh")
          && !scheme.equals("git")) {
        throw invalid("unsupported repository URL '%s': %s".formatted(url, EXPECTED));
      }
      host = uri.getHost();
      path = uri.getPath();
      https = scheme.equals("https");
      port = uri.getPort();
    }
    if (host == null || host.isEmpty() || path == null) {
      throw invalid("cannot read repository URL '%s': %s".formatted(url, EXPECTED));
    }
    String[] segments = trimPath(path).split("/");
    if (segments.length != 2
        || !SEGMENT.matcher(segments[0]).matches()
        || !SEGMENT.matcher(segments[1]).matches()) {
      throw invalid(
          "repository URL '%s' does not name one repository as OWNER/REPO: %s"
              .formatted(url, EXPECTED));
    }
    String api =
        apiBaseURLOverride != null
            ? checkedAPIBase(apiBaseURLOverride)
            : apiBaseFor(host, https ? port : -1);
    return new GitHubRepository(api, segments[0], segments[1]);
  }

  /**
   * An API root as a user wrote it: an absolute {@code http(s)} URL with a host and no credentials,
   * query or fragment, without its trailing slashes.
   */
  static String checkedAPIBase(String apiBaseURL) {
    String url = apiBaseURL.strip();
    if (url.isEmpty()) {
      throw invalid(
          "apiBaseURL is empty: leave it out for github.com, or set the API root, " + API_EXAMPLE);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid("cannot read apiBaseURL '%s': expected %s".formatted(url, API_EXAMPLE));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw invalid(
          "apiBaseURL '%s' must start with https:// (or http://): expected %s"
              .formatted(url, API_EXAMPLE));
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw invalid("apiBaseURL '%s' names no host: expected %s".formatted(url, API_EXAMPLE));
    }
    if (uri.getRawUserInfo() != null) {
      throw invalid(
          "apiBaseURL must not hold credentials: put the token in the Workspace's Secret"
              + " (GITHUB_TOKEN)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(
          "apiBaseURL '%s' must not have a query or fragment: expected %s"
              .formatted(url, API_EXAMPLE));
    }
    return stripTrailingSlashes(url);
  }

  /**
   * github.com is served by api.github.com; a GitHub Enterprise Server serves its API under /api/v3
   * of its own host (over HTTPS; the port is kept only when the clone URL was HTTPS, since an SSH
   * port says nothing about the web server).
   */
  private static String apiBaseFor(String host, int httpsPort) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("github.com") || h.equals("www.github.com")) {
      return GITHUB_API;
    }
    return "https://" + h + (httpsPort > 0 && httpsPort != 443 ? ":" + httpsPort : "") + "/api/v3";
  }

  private static String trimPath(String path) {
    String p = stripTrailingSlashes(path);
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.endsWith(".git")) {
      p = p.substring(0, p.length() - ".git".length());
    }
    return p;
  }

  private static String stripTrailingSlashes(String s) {
    String r = s;
    while (r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    return r;
  }

  private static WorkSourceException invalid(String message) {
    return new WorkSourceException(Reason.INVALID_CONFIG, message);
  }
}
