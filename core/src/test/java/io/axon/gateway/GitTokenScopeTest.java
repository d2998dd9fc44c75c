package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.controller.credentials.CredentialHosts;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Where the gateway may send a grant's git token: the hosts its Secret's annotation lists (the
 * public GitHub without one), case-insensitively and by host alone; a refusal names the host, the
 * Secret and what to add; a grant without a token is never refused.
 */
class GitTokenScopeTest {

  @Test
  void theAnnotationsHostsAreAllowedByHostAloneAndCaseInsensitively() {
    GitTokenScope scope = GitTokenScope.of(secret("gh", "GHE.corp.example, 127.0.0.1"));
    assertThat(scope.hosts()).containsExactly("ghe.corp.example", "127.0.0.1");
    assertThat(scope.refusal(URI.create("https://ghe.corp.example/acme/app.git"), "git")).isEmpty();
    assertThat(scope.refusal(URI.create("https://GHE.CORP.EXAMPLE:8443/api/v3"), "git")).isEmpty();
    assertThat(scope.refusal(URI.create("http://127.0.0.1:9/acme/app.git"), "git")).isEmpty();
  }

  @Test
  void aHostTheAnnotationDoesNotListIsRefusedSayingWhatToAdd() {
    GitTokenScope scope = GitTokenScope.of(secret("gh", "ghe.corp.example"));
    assertThat(scope.refusal(URI.create("https://evil.example/acme/app.git"), "the git route"))
        .contains(
            "axon gateway: Secret \"gh\" does not allow its token to be sent to evil.example,"
                + " where the git route would send it. If that host should have it, the Secret's"
                + " owner adds evil.example to the Secret's annotation axon.io/allowed-hosts"
                + " (comma-separated hosts; without the annotation: github.com,api.github.com)");
    assertThat(scope.refusal(URI.create("https://api.github.com"), "the API route")).isPresent();
  }

  @Test
  void withoutTheAnnotationOnlyThePublicGitHubIsAllowed() {
    GitTokenScope scope = GitTokenScope.of(secret("gh", null));
    assertThat(scope.hosts()).isEqualTo(CredentialHosts.DEFAULT);
    assertThat(scope.refusal(URI.create("https://github.com/acme/app.git"), "git")).isEmpty();
    assertThat(scope.refusal(URI.create("https://api.github.com"), "git")).isEmpty();
    assertThat(scope.refusal(URI.create("https://github.com.evil.example/a/b"), "git")).isPresent();
  }

  @Test
  void aGrantWithoutAScopeSendsItsTokenNowhereAndOneWithoutATokenIsNeverRefused() {
    URI repo = URI.create("https://github.com/acme/app.git");
    assertThat(grant(Optional.of("ghp_x"), GitTokenScope.NONE).gitTokenRefusal(repo, "git"))
        .isPresent();
    assertThat(grant(Optional.empty(), GitTokenScope.NONE).gitTokenRefusal(repo, "git")).isEmpty();
  }

  private static TaskGrant grant(Optional<String> gitToken, GitTokenScope scope) {
    return new TaskGrant(
        "team-a",
        "t",
        false,
        "unused",
        gitToken,
        Optional.of(URI.create("https://github.com/acme/app.git")),
        GitPushRule.forTask("t"),
        EgressRule.parse(List.of()),
        Set.of(),
        ModelProvider.ANTHROPIC,
        scope);
  }

  private static Secret secret(String name, String allowedHosts) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withAnnotations(
            allowedHosts == null ? Map.of() : Map.of(CredentialHosts.ANNOTATION, allowedHosts))
        .endMetadata()
        .build();
  }
}
