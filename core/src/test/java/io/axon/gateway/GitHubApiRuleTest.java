package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GitHubApiRuleTest {
  final GitHubApiRule rule = new GitHubApiRule("acme", "app", GitPushRule.forTask("fix-42"));

  @Test
  void readsOfTheWorkspaceRepositoryPass() {
    assertThat(decide("GET", "/repos/acme/app", null).allowed()).isTrue();
    assertThat(decide("GET", "/repos/Acme/App/pulls", null).allowed()).isTrue();
    assertThat(decide("HEAD", "/repos/acme/app/contents/README.md", null).allowed()).isTrue();
    assertThat(decide("GET", "/rate_limit", null).allowed()).isTrue();
  }

  @Test
  void otherRepositoriesAndOtherEndpointsAreRefused() {
    assertThat(decide("GET", "/repos/acme/secrets", null).reason()).contains("only for acme/app");
    assertThat(decide("GET", "/user", null).allowed()).isFalse();
    assertThat(decide("POST", "/graphql", null).allowed()).isFalse();
    assertThat(decide("DELETE", "/repos/acme/app", null).allowed()).isFalse();
    assertThat(decide("PATCH", "/repos/acme/app/pulls/7", null).allowed()).isFalse();
    assertThat(decide("PUT", "/repos/acme/app/pulls/7/merge", null).allowed()).isFalse();
    assertThat(decide("POST", "/repos/acme/app/hooks", null).allowed()).isFalse();
    assertThat(decide("GET", "/repos/acme/app/../secrets", null).allowed()).isFalse();
    assertThat(decide("GET", "/repos/acme/app%2F..%2Fsecrets", null).allowed()).isFalse();
  }

  @Test
  void aPullRequestOnlyFromTheTasksBranch() {
    assertThat(rule.needsBody("POST", "/repos/acme/app/pulls")).isTrue();
    assertThat(
            decide("POST", "/repos/acme/app/pulls", "{\"head\":\"axon/fix-42\",\"base\":\"main\"}")
                .allowed())
        .isTrue();
    assertThat(decide("POST", "/repos/acme/app/pulls", "{\"head\":\"acme:axon/fix-42\"}").allowed())
        .isTrue();
    assertThat(decide("POST", "/repos/acme/app/pulls", "{\"head\":\"main\"}").reason())
        .contains("only from this Task's branches");
    assertThat(decide("POST", "/repos/acme/app/pulls", "{\"head\":\"evil:axon/fix-42\"}").allowed())
        .isFalse();
    assertThat(decide("POST", "/repos/acme/app/pulls", "not json").allowed()).isFalse();
    assertThat(decide("POST", "/repos/acme/app/pulls", "[1]").allowed()).isFalse();
  }

  @Test
  void commentsOnlyOnItsOwnIssueOrPullRequest() {
    assertThat(decide("POST", "/repos/acme/app/issues/42/comments", null).allowed()).isTrue();
    assertThat(decide("POST", "/repos/acme/app/issues/43/comments", null).reason())
        .contains("not #43");
  }

  private Decision decide(String method, String path, String body) {
    return rule.decide(
        method, path, Set.of(42L), body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }
}
