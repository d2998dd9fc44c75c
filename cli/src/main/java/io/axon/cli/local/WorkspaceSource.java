package io.axon.cli.local;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What {@code --workspace} names: a repository URL (kept as given) or a local path, resolved
 * against the user's current directory because git runs elsewhere. {@link #shown()} is how it is
 * printed: with any credential in a URL's user-info replaced.
 */
record WorkspaceSource(String location, boolean local) {

  private static final Pattern URL_CREDENTIALS =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]*@");
  // git's scp-like syntax, [user@]host:path, where no slash comes before the colon.
  private static final Pattern SCP_LIKE = Pattern.compile("^[^/:]+:.*");

  static WorkspaceSource parse(String workspace) {
    if (workspace.contains("://") || SCP_LIKE.matcher(workspace).matches()) {
      return new WorkspaceSource(workspace, false);
    }
    return new WorkspaceSource(Path.of(workspace).toAbsolutePath().normalize().toString(), true);
  }

  String shown() {
    return redact(location);
  }

  /** Replaces the user-info of every URL in {@code text}, in git's messages too. */
  static String redact(String text) {
    return URL_CREDENTIALS.matcher(text).replaceAll("$1***@");
  }
}
