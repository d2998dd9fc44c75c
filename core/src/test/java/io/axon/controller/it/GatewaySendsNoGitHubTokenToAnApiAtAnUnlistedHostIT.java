package io.axon.controller.it;

import static io.axon.controller.it.AllowedHostsGateway.REAL_GIT;
import static io.axon.controller.it.AllowedHostsGateway.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The gateway, with only its shipped RBAC, answers a request on its GitHub API route 403 when its
 * {@code githubAPIBaseURL} names a host the Workspace Secret's {@code axon.io/allowed-hosts} does
 * not list, naming the host and the Secret, audits the refusal, and the token never reaches that
 * host.
 */
class GatewaySendsNoGitHubTokenToAnApiAtAnUnlistedHostIT {

  @Test
  void theGitHubApiAtAHostTheSecretDoesNotListGetsNoToken() throws Exception {
    // The default grantCacheTTL: nothing here waits for a grant to be read again.
    try (AllowedHostsGateway g = AllowedHostsGateway.start("30s")) {
      HttpResponse<String> refused =
          Eventually.await(
              TIMEOUT, "the GitHub API request decided", g::githubApi, r -> r.statusCode() != 401);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body())
          .contains("Secret \\\"gh\\\" does not allow its token to be sent to localhost")
          .contains("GitHub API route")
          .doesNotContain(REAL_GIT);
      g.assertRefusalAudited("github", "localhost", g::githubApi);
      assertThat(g.seen).noneMatch(s -> s.host().startsWith("localhost"));
    }
  }
}
