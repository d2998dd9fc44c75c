package io.axon.cli.run;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The name of the Workspace that {@code axon run} creates for an inline repository. */
public final class WorkspaceNames {
  private static final int MAX_LENGTH = 50;

  private WorkspaceNames() {}

  /**
   * Owner and repository, e.g. {@code https://github.com/your-org/repo.git} and {@code
   * git@github.com:your-org/repo.git} both give {@code your-org-repo}.
   */
  public static String fromRepo(String repo) {
    String path = repo.strip();
    int scheme = path.indexOf("://");
    if (scheme >= 0) {
      path = path.substring(scheme + 3);
      int slash = path.indexOf('/');
      path = slash >= 0 ? path.substring(slash + 1) : "";
    } else if (path.contains(":")) {
      path = path.substring(path.indexOf(':') + 1);
    }
    path = path.replaceAll("/+$", "").replaceAll("\\.git$", "");
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    List<String> last = segments.subList(Math.max(0, segments.size() - 2), segments.size());
    String name =
        String.join("-", last)
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (name.length() > MAX_LENGTH) {
      name = name.substring(name.length() - MAX_LENGTH).replaceAll("^-+", "");
    }
    return name.isEmpty() ? "workspace" : name;
  }

  /** The Secret holding an inline workspace's GITHUB_TOKEN. */
  public static String secretName(String workspaceName) {
    return workspaceName + "-github-token";
  }
}
