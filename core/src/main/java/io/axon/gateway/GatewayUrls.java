package io.axon.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** The gateway's addresses as an agent sees them: one path prefix per kind of traffic. */
public final class GatewayUrls {
  public static final String MODEL_PREFIX = "/anthropic";
  public static final String GIT_PREFIX = "/git/";
  public static final String GITHUB_PREFIX = "/github";

  /**
   * The {@code GH_HOST} agents get. {@code gh} 2.x reaches HTTPS endpoints only, except for this
   * development host, whose API it speaks in plain HTTP at {@link #GH_API_HOST}; through {@code
   * HTTP_PROXY} that request reaches the gateway, which can then read it and put the real token in.
   */
  public static final String GH_HOST = "github.localhost";

  /** Where {@code gh} sends {@link #GH_HOST}'s REST and GraphQL requests ({@code http://...}). */
  public static final String GH_API_HOST = "api." + GH_HOST;

  private GatewayUrls() {}

  /** {@code OWNER/REPO} for {@code GH_REPO}; empty for a repository not at {@code /OWNER/REPO}. */
  public static Optional<String> ghRepo(String repo) {
    return upstreamRepo(repo).flatMap(GatewayUrls::ownerAndRepo).map(r -> r[0] + "/" + r[1]);
  }

  /**
   * The workspace's {@code origin} when {@code gh} is to find it: {@code
   * http://github.localhost/OWNER/REPO.git}, which git reaches through the gateway as its proxy.
   */
  public static Optional<String> ghGitRemote(String repo) {
    return ghRepo(repo).map(r -> "http://" + GH_HOST + "/" + r + ".git");
  }

  /** For the agent's {@code ANTHROPIC_BASE_URL}. */
  public static String modelBase(String gateway) {
    return strip(gateway) + MODEL_PREFIX;
  }

  /** For the base-URL variable of an agent speaking {@code provider}'s API. */
  public static String modelBase(String gateway, ModelProvider provider) {
    return strip(gateway) + provider.prefix();
  }

  /** For {@code GITHUB_API_URL}. */
  public static String githubApi(String gateway) {
    return strip(gateway) + GITHUB_PREFIX;
  }

  /** {@code OWNER/REPO} of a github-style repository URL ({@code /OWNER/REPO[.git]}). */
  public static Optional<String[]> ownerAndRepo(URI repo) {
    String path = repo.getPath() == null ? "" : repo.getPath();
    path = path.replaceAll("^/+|/+$", "").replaceAll("\\.git$", "");
    String[] parts = path.split("/");
    return parts.length == 2 ? Optional.of(parts) : Optional.empty();
  }

  /**
   * The clone URL of {@code repo} through the gateway, {@code GATEWAY/git/HOST[:PORT]/PATH}; empty
   * for a repository git does not reach over HTTP(S) (SSH, scp-like, a local path).
   */
  public static Optional<String> gitRemote(String gateway, String repo) {
    return upstreamRepo(repo)
        .map(uri -> strip(gateway) + GIT_PREFIX + authority(uri) + uri.getPath());
  }

  /** {@code repo} as an HTTP(S) URL without user info, query or trailing slash. */
  public static Optional<URI> upstreamRepo(String repo) {
    try {
      URI uri = new URI(repo.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
        return Optional.empty();
      }
      String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
      if (path.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new URI(
              scheme,
              null,
              uri.getHost().toLowerCase(Locale.ROOT),
              uri.getPort(),
              path,
              null,
              null));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  static String authority(URI uri) {
    return uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
  }

  private static String strip(String url) {
    return url.replaceAll("/+$", "");
  }
}
