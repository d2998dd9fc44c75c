package io.axon.source.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.spi.source.WorkSourceException;
import io.axon.spi.source.WorkSourceException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitHubRepositoryTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "https://github.com/acme/widgets,             https://api.github.com, acme, widgets",
    "https://github.com/acme/widgets.git,         https://api.github.com, acme, widgets",
    "https://github.com/acme/widgets/,            https://api.github.com, acme, widgets",
    "http://github.com/acme/widgets,              https://api.github.com, acme, widgets",
    "https://www.github.com/acme/widgets,         https://api.github.com, acme, widgets",
    "https://GitHub.com/Acme/Widgets.git,         https://api.github.com, Acme, Widgets",
    "git@github.com:acme/widgets.git,             https://api.github.com, acme, widgets",
    "git@github.com:acme/widgets,                 https://api.github.com, acme, widgets",
    "ssh://git@github.com/acme/widgets.git,       https://api.github.com, acme, widgets",
    "ssh://git@github.com:22/acme/widgets.git,    https://api.github.com, acme, widgets",
    "git://github.com/acme/widgets,               https://api.github.com, acme, widgets",
    "https://github.com/my-org/my.repo_name.git,  https://api.github.com, my-org, my.repo_name",
    "https://ghe.example.com/team/service,        https://ghe.example.com/api/v3, team, service",
    "https://ghe.example.com:8443/team/service,   https://ghe.example.com:8443/api/v3, team, service",
    "http://ghe.example.com/team/service.git,     https://ghe.example.com/api/v3, team, service",
    "git@ghe.example.com:team/service.git,        https://ghe.example.com/api/v3, team, service",
    "ssh://git@ghe.example.com:7999/team/service, https://ghe.example.com/api/v3, team, service",
    "git://ghe.example.com/team/service.git,      https://ghe.example.com/api/v3, team, service",
  })
  void readsOwnerRepoAndApiRoot(String url, String api, String owner, String name) {
    GitHubRepository repository = GitHubRepository.parse(url, null);

    assertThat(repository).isEqualTo(new GitHubRepository(api, owner, name));
  }

  @Test
  void githubEnterpriseIssuesLiveUnderApiV3() {
    assertThat(GitHubRepository.parse("https://git.corp.example/platform/axon", null).issuesURL())
        .isEqualTo("https://git.corp.example/api/v3/repos/platform/axon/issues");
  }

  @Test
  void apiBaseOverrideWins() {
    GitHubRepository repository =
        GitHubRepository.parse("https://github.com/acme/widgets", "http://127.0.0.1:8080/");

    assertThat(repository.apiBaseURL()).isEqualTo("http://127.0.0.1:8080");
    assertThat(repository.issuesURL()).isEqualTo("http://127.0.0.1:8080/repos/acme/widgets/issues");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "github.com/acme/widgets",
        "https://github.com/acme",
        "https://github.com/acme/widgets/issues/3",
        "ftp://github.com/acme/widgets",
        "file:///srv/git/widgets.git",
        "https://github.com/acme/wid gets",
        "/srv/git/widgets.git"
      })
  void unreadableUrlsAreInvalidConfigNamingTheExpectedForm(String url) {
    assertThatThrownBy(() -> GitHubRepository.parse(url, null))
        .isInstanceOfSatisfying(
            WorkSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CONFIG))
        .hasMessageContaining("https://github.com/OWNER/REPO");
  }

  @Test
  void nullUrlIsInvalidConfig() {
    assertThatThrownBy(() -> GitHubRepository.parse(null, null))
        .isInstanceOf(WorkSourceException.class)
        .hasMessageContaining("no repository URL");
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "  ",
        "ghe.example.com/api/v3",
        "127.0.0.1:8080",
        "ftp://ghe.example.com/api/v3",
        "https:///api/v3",
        "https://ghe.example.com/api/v3?x=1",
        "https://ghe.example.com/api v3"
      })
  void unusableApiBaseIsInvalidConfigShowingAnExample(String apiBase) {
    assertThatThrownBy(() -> GitHubRepository.parse("https://github.com/acme/widgets", apiBase))
        .isInstanceOfSatisfying(
            WorkSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CONFIG))
        .hasMessageContaining("apiBaseURL")
        .hasMessageContaining("https://github.example.com/api/v3");
  }

  @Test
  void apiBaseWithCredentialsIsRefusedWithoutEchoingThem() {
    assertThatThrownBy(
            () ->
                GitHubRepository.parse(
                    "https://github.com/acme/widgets", "https://me:hunter2@ghe.example.com/api/v3"))
        .isInstanceOf(WorkSourceException.class)
        .hasMessageContaining("Secret")
        .hasMessageNotContaining("hunter2");
  }
}
