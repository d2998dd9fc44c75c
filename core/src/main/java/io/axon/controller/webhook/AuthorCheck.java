package io.axon.controller.webhook;

import io.axon.controller.report.GitHubWriteException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The source's author gate for work a delivery asks for: the author is one of its {@code
 * allowedAuthors}, or has at least its {@code minimumPermission} (default {@code write}) on the
 * repository, as GitHub's collaborator-permission API answers. Blocking.
 */
final class AuthorCheck {
  static final List<String> RANKS = List.of("none", "read", "triage", "write", "maintain", "admin");

  private AuthorCheck() {}

  static boolean passes(String login, Map<String, Object> settings, RepoAccess repo) {
    if (login == null || !login.matches("[A-Za-z0-9-]{1,39}(\\[bot\\])?")) {
      return false;
    }
    if (settings.get("allowedAuthors") instanceof List<?> allowed
        && allowed.stream().anyMatch(a -> String.valueOf(a).equalsIgnoreCase(login))) {
      return true;
    }
    String wanted =
        String.valueOf(settings.getOrDefault("minimumPermission", "write"))
            .toLowerCase(Locale.ROOT);
    try {
      var answer = repo.api().get(repo.path("/collaborators/" + login + "/permission"));
      String role = answer.getString("role_name", answer.getString("permission", "none"));
      return rank(role) >= rank(wanted)
          || rank(answer.getString("permission", "none")) >= rank(wanted);
    } catch (GitHubWriteException e) {
      if (e.notFound() || e.status() == 403 || e.status() == 401) {
        return false;
      }
      throw e;
    }
  }

  private static int rank(String role) {
    int rank = RANKS.indexOf(role == null ? "none" : role.toLowerCase(Locale.ROOT));
    return Math.max(rank, 0);
  }
}
