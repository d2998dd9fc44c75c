package io.axon.source.github;

import io.axon.spi.source.WorkSource;
import io.axon.spi.source.WorkSourceConfig;
import io.axon.spi.source.WorkSourceProvider;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * {@code spec.when.githubIssues}: the issues of the Workspace's GitHub (or GitHub Enterprise
 * Server) repository.
 *
 * <p>Settings: {@code labels} (issues carrying all of them), {@code excludeLabels} (skip issues
 * carrying any), {@code state} ({@code open}, {@code closed} or {@code all}; default {@code open})
 * {@code apiBaseURL}, which replaces the API root derived from the repository URL, and the author
 * gate: {@code allowedAuthors} (logins whose issues always count) and {@code minimumPermission}
 * ({@code read}, {@code triage}, {@code write}, {@code maintain} or {@code admin}; default {@code
 * write}), which other authors need on the repository. The Workspace's token, when set,
 * authenticates the polls; public repositories work without one. Items offer the extra template
 * fields {@code State} and {@code Author}.
 */
public final class GitHubIssuesSourceProvider implements WorkSourceProvider {

  public static final String KIND = "githubIssues";

  private final Clock clock;

  public GitHubIssuesSourceProvider() {
    this(Clock.systemUTC());
  }

  GitHubIssuesSourceProvider(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The issue's state ({@code open} or {@code closed}) and its author's login. */
  @Override
  public Set<String> extraFields() {
    return Set.of("State", "Author");
  }

  /** The API's host: api.github.com for github.com, else the server's or apiBaseURL's host. */
  @Override
  public Set<String> tokenHosts(WorkSourceConfig config) {
    try {
      GitHubRepository repository =
          GitHubRepository.parse(config.repoURL(), config.string("apiBaseURL").orElse(null));
      return Set.of(URI.create(repository.apiBaseURL()).getHost());
    } catch (RuntimeException unusable) {
      // open() refuses the same settings with the reason, before any request.
      return Set.of();
    }
  }

  @Override
  public WorkSource open(WorkSourceConfig config) {
    GitHubRepository repository =
        GitHubRepository.parse(config.repoURL(), config.string("apiBaseURL").orElse(null));
    IssueFilter filter = IssueFilter.from(config);
    AuthorGate gate = AuthorGate.from(config);
    Optional<Vertx> hostVertx = config.services().lookup(Vertx.class);
    Vertx vertx = hostVertx.orElseGet(Vertx::vertx);
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setUserAgent("axon")
                .setConnectTimeout(10_000)
                .setIdleTimeout(30)
                // Followed by the source, which keeps the token on the API's own origin.
                .setFollowRedirects(false));
    return new GitHubIssuesSource(
        vertx, hostVertx.isEmpty(), client, repository, filter, gate, config.token(), clock);
  }
}
