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
 * {@code spec.when.githubPullRequests}: the pull requests of the Workspace's GitHub (or GitHub
 * Enterprise Server) repository; each becomes a Task on the pull request's head branch.
 *
 * <p>Settings: {@code labels}, {@code excludeLabels}, {@code state} ({@code open}, {@code closed}
 * or {@code all}; default {@code open}), {@code draft} ({@code true}: drafts only, {@code false}:
 * none), {@code reviewState} ({@code any}, {@code approved}, {@code changes_requested} or {@code
 * none}), {@code author}, {@code apiBaseURL}, and the author gate of {@code githubIssues} ({@code
 * allowedAuthors}, {@code minimumPermission}). Items offer the extra template fields {@code State}
 * ({@code open}, {@code closed} or {@code merged}), {@code Author}, {@code Branch} (the head
 * branch), {@code Base} and {@code Draft}.
 */
public final class GitHubPullRequestsSourceProvider implements WorkSourceProvider {

  public static final String KIND = "githubPullRequests";

  private final Clock clock;

  public GitHubPullRequestsSourceProvider() {
    this(Clock.systemUTC());
  }

  GitHubPullRequestsSourceProvider(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Set<String> extraFields() {
    return Set.of("State", "Author", "Branch", "Base", "Draft");
  }

  @Override
  public Set<String> tokenHosts(WorkSourceConfig config) {
    try {
      GitHubRepository repository =
          GitHubRepository.parse(config.repoURL(), config.string("apiBaseURL").orElse(null));
      return Set.of(URI.create(repository.apiBaseURL()).getHost());
    } catch (RuntimeException unusable) {
      return Set.of();
    }
  }

  @Override
  public WorkSource open(WorkSourceConfig config) {
    GitHubRepository repository =
        GitHubRepository.parse(config.repoURL(), config.string("apiBaseURL").orElse(null));
    PullRequestFilter filter = PullRequestFilter.from(config, repository);
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
                .setFollowRedirects(false));
    return new GitHubIssuesSource(
        vertx, hostVertx.isEmpty(), client, repository, filter, gate, config.token(), clock);
  }
}
