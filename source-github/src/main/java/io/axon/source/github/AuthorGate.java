package io.axon.source.github;

import io.axon.spi.source.SkippedItem;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSourceConfig;
import io.axon.spi.source.WorkSourceException;
import io.axon.spi.source.WorkSourceException.Reason;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may feed a prompt: an issue becomes a Task only when its author is in {@code allowedAuthors}
 * or has at least {@code minimumPermission} on the repository (GitHub's collaborator-permission
 * API, answers cached). Default: {@code write}, so a stranger's issue on a public repository is
 * skipped. Lives on the source's Vert.x context, like the source.
 */
final class AuthorGate {

  /** GitHub's repository roles, weakest first. */
  static final List<String> ROLES = List.of("none", "read", "triage", "write", "maintain", "admin");

  static final String DEFAULT_MINIMUM = "write";

  /** A role changes rarely; a fresh one is asked for after this. */
  static final Duration CACHE_FOR = Duration.ofMinutes(10);

  static final int CACHE_SIZE = 1_000;

  private final Set<String> allowedAuthors;
  private final String minimum;
  private final Map<String, Cached> roles =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  private record Cached(String role, Instant until) {}

  private AuthorGate(Set<String> allowedAuthors, String minimum) {
    this.allowedAuthors = allowedAuthors;
    this.minimum = minimum;
  }

  static AuthorGate from(WorkSourceConfig config) {
    String minimum =
        config
            .string("minimumPermission")
            .map(s -> s.strip().toLowerCase(Locale.ROOT))
            .orElse(DEFAULT_MINIMUM);
    if (!ROLES.contains(minimum) || minimum.equals("none")) {
      throw new WorkSourceException(
          Reason.INVALID_CONFIG,
          "githubIssues.minimumPermission is '%s': use read, triage, write, maintain or admin (default %s)"
              .formatted(minimum, DEFAULT_MINIMUM));
    }
    Set<String> allowed =
        config.strings("allowedAuthors").stream()
            .map(s -> s.strip().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    return new AuthorGate(allowed, minimum);
  }

  /** The items whose authors pass, and the others with the reason. */
  record Gated(List<WorkItem> passed, List<SkippedItem> skipped) {}

  Future<Gated> apply(
      List<WorkItem> items,
      WebClient client,
      GitHubRepository repository,
      String token,
      Clock clock) {
    Set<String> toAsk = new LinkedHashSet<>();
    Instant now = clock.instant();
    for (WorkItem item : items) {
      String author = author(item);
      if (author != null && !allowedAuthors.contains(author)) {
        Cached cached = roles.get(author);
        if (cached == null || !cached.until().isAfter(now)) {
          toAsk.add(author);
        }
      }
    }
    List<Future<Void>> asked = new ArrayList<>();
    for (String author : toAsk) {
      asked.add(ask(author, client, repository, token, now));
    }
    return Future.all(asked).map(done -> split(items));
  }

  private Gated split(List<WorkItem> items) {
    List<WorkItem> passed = new ArrayList<>();
    List<SkippedItem> skipped = new ArrayList<>();
    for (WorkItem item : items) {
      String author = author(item);
      if (author != null && allowedAuthors.contains(author)) {
        passed.add(item);
        continue;
      }
      Cached cached = author == null ? null : roles.get(author);
      String role = cached == null ? "none" : cached.role();
      if (ROLES.indexOf(role) >= ROLES.indexOf(minimum)) {
        passed.add(item);
      } else {
        skipped.add(
            new SkippedItem(
                item,
                ("author %s has %s permission on the repository, below minimumPermission %s, and"
                        + " is not in allowedAuthors")
                    .formatted(author == null ? "(unknown)" : author, role, minimum)));
      }
    }
    return new Gated(List.copyOf(passed), List.copyOf(skipped));
  }

  private Future<Void> ask(
      String author, WebClient client, GitHubRepository repository, String token, Instant now) {
    var request =
        client
            .getAbs(
                repository.apiBaseURL()
                    + "/repos/%s/%s/collaborators/%s/permission"
                        .formatted(
                            repository.owner(),
                            repository.name(),
                            URLEncoder.encode(author, StandardCharsets.UTF_8)))
            .putHeader("Accept", "application/vnd.github+json")
            .putHeader("X-GitHub-Api-Version", "2022-11-28");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request
        .send()
        .map(
            response -> {
              roles.put(author, new Cached(roleOf(response), now.plus(CACHE_FOR)));
              return (Void) null;
            })
        // Unreachable now: this author's items wait for the next poll rather than pass.
        .otherwise(e -> null);
  }

  /** The role GitHub gives; anything but a 200 (not a collaborator, no access) counts as none. */
  private static String roleOf(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      return "none";
    }
    try {
      JsonObject body = response.bodyAsJsonObject();
      String role =
          Optional.ofNullable(body.getString("role_name"))
              .orElse(body.getString("permission", "none"))
              .toLowerCase(Locale.ROOT);
      // Custom roles are named by the organisation; their base permission is what counts.
      return ROLES.contains(role) ? role : body.getString("permission", "none");
    } catch (RuntimeException notJson) {
      return "none";
    }
  }

  private static String author(WorkItem item) {
    String author = item.extra().get("Author");
    return author == null || author.isBlank() ? null : author.toLowerCase(Locale.ROOT);
  }
}
