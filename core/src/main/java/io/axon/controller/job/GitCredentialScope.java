package io.axon.controller.job;

import io.axon.api.v1alpha1.WorkspaceSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where git may send a Workspace's token: the repository's own origin ({@code
 * https://host[:port]}), and over plain {@code http://} only when the Workspace says so in {@code
 * allowTokenOverHTTP}. SSH and git:// remotes never get it: git asks a credential helper only for
 * HTTP(S).
 */
public final class GitCredentialScope {

  private GitCredentialScope() {}

  /** The origin git's credential helper is bound to, or empty when the token must not be sent. */
  public static Optional<String> origin(WorkspaceSpec workspace) {
    URI uri = uri(workspace.getRepo());
    if (uri == null || uri.getHost() == null) {
      return Optional.empty();
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    boolean allowed =
        scheme.equals("https")
            || (scheme.equals("http") && Boolean.TRUE.equals(workspace.getAllowTokenOverHTTP()));
    if (!allowed) {
      return Optional.empty();
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return Optional.of(scheme + "://" + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : ""));
  }

  /** Why the token is withheld from a plain-HTTP repository, or empty when it is not. */
  public static Optional<String> refusal(WorkspaceSpec workspace) {
    URI uri = uri(workspace.getRepo());
    if (uri == null
        || !"http".equalsIgnoreCase(uri.getScheme())
        || Boolean.TRUE.equals(workspace.getAllowTokenOverHTTP())) {
      return Optional.empty();
    }
    return Optional.of(
        "the Workspace's token is not sent to %s over plain http:// (anyone on the path could read"
                .formatted(uri.getHost())
            + " it): use an https:// repo URL, or set spec.allowTokenOverHTTP: true on the"
            + " Workspace");
  }

  /** The host of a repository URL, scp-like ({@code git@host:path}) ones too. */
  public static Optional<String> host(String repo) {
    URI uri = uri(repo);
    if (uri != null && uri.getHost() != null) {
      return Optional.of(uri.getHost().toLowerCase(Locale.ROOT));
    }
    if (repo != null) {
      var scp = SCP_LIKE.matcher(repo.strip());
      if (scp.matches()) {
        return Optional.of(scp.group(1).toLowerCase(Locale.ROOT));
      }
    }
    return Optional.empty();
  }

  private static final java.util.regex.Pattern SCP_LIKE =
      java.util.regex.Pattern.compile("^[\\w.+-]+@([^:/\\s]+):.+$");

  private static URI uri(String repo) {
    if (repo == null) {
      return null;
    }
    try {
      URI uri = new URI(repo.strip());
      return uri.getScheme() == null ? null : uri;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
