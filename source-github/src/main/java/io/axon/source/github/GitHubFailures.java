package io.axon.source.github;

import io.axon.spi.source.WorkSourceException;
import io.axon.spi.source.WorkSourceException.Reason;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Turns GitHub's refusals into {@link WorkSourceException}s whose messages say what happened and
 * what to do. The token is never part of a message.
 */
final class GitHubFailures {

  private static final DateTimeFormatter HH_MM_UTC =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final GitHubRepository repository;
  private final boolean tokenSet;
  private final String noun;
  private final String kind;

  GitHubFailures(GitHubRepository repository, boolean tokenSet) {
    this(repository, tokenSet, "issues", "githubIssues");
  }

  /**
   * @param noun what is listed, such as {@code pull requests}
   * @param kind the source's kind, whose settings the messages name
   */
  GitHubFailures(GitHubRepository repository, boolean tokenSet, String noun, String kind) {
    this.repository = repository;
    this.tokenSet = tokenSet;
    this.noun = noun;
    this.kind = kind;
  }

  static String hhmm(Instant instant) {
    return HH_MM_UTC.format(instant);
  }

  WorkSourceException primaryLimit(Instant reset) {
    String advice =
        tokenSet
            ? "the token's hourly limit is shared with everything else that uses it"
            : "unauthenticated polls get 60 requests an hour: set GITHUB_TOKEN in the Workspace's"
                + " Secret for 5,000";
    return new WorkSourceException(
        Reason.RATE_LIMITED,
        "GitHub API rate limit for %s used up until %s; polling resumes then (%s)"
            .formatted(repository.slug(), hhmm(reset), advice),
        reset,
        null);
  }

  WorkSourceException secondaryLimit(Instant until) {
    return new WorkSourceException(
        Reason.RATE_LIMITED,
        ("GitHub's secondary rate limit stopped polls of %s until %s; polling resumes then"
                + " (poll less often, or share the token with fewer clients)")
            .formatted(repository.slug(), hhmm(until)),
        until,
        null);
  }

  WorkSourceException unreachable(Throwable cause) {
    return new WorkSourceException(
        Reason.UNAVAILABLE,
        "cannot reach the GitHub API at %s (%s); the next poll tries again"
            .formatted(repository.apiBaseURL(), describe(cause)),
        null,
        cause);
  }

  WorkSourceException redirectedAway(URI target) {
    return new WorkSourceException(
        Reason.NOT_FOUND,
        ("GitHub redirected the %s listing of %s to another host (%s://%s), where the token is"
                + " not sent: set the Workspace's repo URL to the repository's current location")
            .formatted(noun, repository.slug(), target.getScheme(), target.getRawAuthority()));
  }

  WorkSourceException linkedAway(URI target) {
    return new WorkSourceException(
        Reason.UNAVAILABLE,
        ("GitHub's Link header for the next page of %s's %s points to %s://%s, which is not"
                + " the API at %s: the token is sent only to that API, so polling stopped there"
                + " (set %s.apiBaseURL to the API that serves the repository)")
            .formatted(
                repository.slug(),
                noun,
                target.getScheme(),
                target.getRawAuthority(),
                repository.apiBaseURL(),
                kind));
  }

  WorkSourceException unexpectedContent(String what) {
    return new WorkSourceException(
        Reason.UNAVAILABLE,
        "GitHub answered the %s listing of %s with %s; the next poll tries again"
            .formatted(noun, repository.slug(), what));
  }

  /**
   * The failure for a response that is neither 200 nor 304. Rate-limit answers were already
   * recorded in {@code limits}.
   */
  WorkSourceException forResponse(HttpResponse<Buffer> response, RateLimits limits, Instant now) {
    int status = response.statusCode();
    if (status == 403 || status == 429) {
      if (response.getHeader("retry-after") != null) {
        return secondaryLimit(limits.secondaryUntil().orElse(now));
      }
      if (limits.primaryExhausted(now)) {
        return primaryLimit(limits.reset());
      }
      if (status == 429 || mentionsRateLimit(response)) {
        Instant until = now.plusSeconds(RateLimits.DEFAULT_BACKOFF_SECONDS);
        limits.backOffUntil(until);
        return secondaryLimit(until);
      }
      return new WorkSourceException(
          Reason.UNAUTHORIZED,
          ("GitHub refused to list the %s of %s (403 %s): %s")
              .formatted(
                  noun,
                  repository.slug(),
                  githubMessage(response),
                  tokenSet
                      ? "give the token (GITHUB_TOKEN in the Workspace's Secret) read access to"
                          + " the repository's "
                          + noun
                      : "set GITHUB_TOKEN in the Workspace's Secret to a token that can read"
                          + " them"));
    }
    String slug = repository.slug();
    return switch (status) {
      case 401 -> new WorkSourceException(Reason.UNAUTHORIZED, unauthorizedMessage());
      case 404 ->
          new WorkSourceException(
              Reason.NOT_FOUND,
              "repository %s not found, or the token cannot see it: %s"
                  .formatted(
                      slug,
                      tokenSet
                          ? "check the Workspace's repo URL and that the token (GITHUB_TOKEN in"
                              + " the Workspace's Secret) can read the repository"
                          : "check the Workspace's repo URL; for a private repository set"
                              + " GITHUB_TOKEN in the Workspace's Secret"));
      case 410 ->
          new WorkSourceException(
              Reason.NOT_FOUND,
              "issues are disabled for repository %s: enable them in the repository's settings"
                  .formatted(slug));
      case 422 ->
          new WorkSourceException(
              Reason.INVALID_CONFIG,
              "GitHub rejected the %s filter for %s (422 %s): check %s.labels and state"
                  .formatted(
                      noun.equals("issues") ? "issue" : "pull request",
                      slug,
                      githubMessage(response),
                      kind));
      default ->
          new WorkSourceException(
              Reason.UNAVAILABLE,
              "GitHub answered %d %s to the %s listing of %s; the next poll tries again"
                  .formatted(status, githubMessage(response), noun, slug));
    };
  }

  private String unauthorizedMessage() {
    if (tokenSet) {
      return "GitHub rejected the token (GITHUB_TOKEN in the Workspace's Secret): check that it"
          + " is valid and not expired";
    }
    return "GitHub asked for credentials to list the %s of %s: set GITHUB_TOKEN in the"
            .formatted(noun, repository.slug())
        + " Workspace's Secret";
  }

  private static boolean mentionsRateLimit(HttpResponse<Buffer> response) {
    return githubMessage(response).toLowerCase(Locale.ROOT).contains("rate limit");
  }

  /** The {@code message} of GitHub's error body, short, or the status line's reason. */
  private static String githubMessage(HttpResponse<Buffer> response) {
    String message = null;
    Buffer body = response.body();
    if (body != null && body.length() > 0) {
      try {
        message = new JsonObject(body).getString("message");
      } catch (RuntimeException notJson) {
        message = null;
      }
    }
    if (message == null || message.isBlank()) {
      message = response.statusMessage();
    }
    message = message.replaceAll("\\s+", " ").strip();
    return message.length() > 200 ? message.substring(0, 200) + "..." : message;
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }
}
