package io.axon.source.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.spi.source.HostServices;
import io.axon.spi.source.WorkSourceConfig;
import io.axon.spi.source.WorkSourceException;
import io.axon.spi.source.WorkSourceException.Reason;
import io.axon.spi.source.WorkSourceRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitHubIssuesSourceProviderTest {

  private static WorkSourceConfig config(Map<String, Object> settings, String repoURL) {
    return new WorkSourceConfig(settings, repoURL, Optional.of("tok"), HostServices.none());
  }

  @Test
  void isFoundByServiceLoaderAsGithubIssues() {
    assertThat(WorkSourceRegistry.load().find("githubIssues"))
        .get()
        .isInstanceOf(GitHubIssuesSourceProvider.class);
  }

  @Test
  void declaresTheExtraFieldsItsItemsCarry() {
    assertThat(new GitHubIssuesSourceProvider().extraFields())
        .containsExactlyInAnyOrder("State", "Author");
  }

  @Test
  void unknownStateIsInvalidConfig() {
    assertThatThrownBy(
            () ->
                new GitHubIssuesSourceProvider()
                    .open(config(Map.of("state", "opened"), "https://github.com/a/b")))
        .isInstanceOfSatisfying(
            WorkSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CONFIG))
        .hasMessage("githubIssues.state is 'opened': use open, closed or all (default open)");
  }

  @Test
  void badRepositoryUrlIsInvalidConfigBeforeAnythingStarts() {
    assertThatThrownBy(
            () -> new GitHubIssuesSourceProvider().open(config(Map.of(), "not a url at all")))
        .isInstanceOfSatisfying(
            WorkSourceException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CONFIG));
  }

  @Test
  void filterBuildsTheFirstPageUrl() {
    IssueFilter filter =
        IssueFilter.from(
            config(
                Map.of(
                    "state", "all",
                    "labels", List.of("bug", "help wanted", "a&b"),
                    "excludeLabels", List.of("axon/needs-input")),
                "https://github.com/a/b"));
    GitHubRepository repository = GitHubRepository.parse("https://github.com/a/b", null);

    assertThat(filter.firstPageURL(repository))
        .isEqualTo(
            "https://api.github.com/repos/a/b/issues?state=all&labels=bug,help%20wanted,a%26b"
                + "&sort=updated&direction=desc&per_page=100");
    assertThat(filter.excludes(List.of("bug", "axon/needs-input"))).isTrue();
    assertThat(filter.excludes(List.of("bug"))).isFalse();
  }

  @Test
  void aLabelWithACommaIsInvalidConfig() {
    assertThatThrownBy(
            () ->
                new GitHubIssuesSourceProvider()
                    .open(config(Map.of("labels", List.of("bug,help")), "https://github.com/a/b")))
        .isInstanceOfSatisfying(
            WorkSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CONFIG))
        .hasMessageContaining("'bug,help'")
        .hasMessageContaining("cannot contain a comma");
  }

  @Test
  void theTokenGoesToTheApiHostOfTheRepositoryOrOfApiBaseURL() {
    var provider = new GitHubIssuesSourceProvider();
    assertThat(provider.tokenHosts(config(Map.of(), "https://github.com/a/b")))
        .containsExactly("api.github.com");
    assertThat(provider.tokenHosts(config(Map.of(), "git@ghe.example.com:a/b.git")))
        .containsExactly("ghe.example.com");
    assertThat(
            provider.tokenHosts(
                config(Map.of("apiBaseURL", "http://127.0.0.1:9999"), "https://github.com/a/b")))
        .containsExactly("127.0.0.1");
  }
}
