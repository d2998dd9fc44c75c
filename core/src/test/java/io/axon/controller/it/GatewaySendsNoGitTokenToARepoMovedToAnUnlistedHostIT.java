package io.axon.controller.it;

import static io.axon.controller.it.AllowedHostsGateway.REAL_GIT;
import static io.axon.controller.it.AllowedHostsGateway.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.credentials.CredentialHosts;
import io.axon.controller.it.AllowedHostsGateway.Seen;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The gateway, with only its shipped RBAC, sends a Workspace's git token to the host its Secret's
 * {@code axon.io/allowed-hosts} lists, and once the Workspace's repo is edited to another host
 * answers 403 naming the host, the Secret and the annotation, audits the refusal, and the token
 * never reaches that host.
 */
class GatewaySendsNoGitTokenToARepoMovedToAnUnlistedHostIT {

  @Test
  void gitToARepoEditedToAnotherHostIsRefusedAndTheTokenStaysHome() throws Exception {
    // A short grantCacheTTL: the gateway re-reads the edited Workspace at once, not in 30 s.
    try (AllowedHostsGateway g = AllowedHostsGateway.start("100ms")) {
      HttpResponse<String> before =
          Eventually.await(
              TIMEOUT, "git reaches the allowed repo", g::git, r -> r.statusCode() == 200);
      assertThat(before.statusCode()).isEqualTo(200);
      assertThat(g.seen)
          .as("the allowed host got the token")
          .contains(
              new Seen(
                  "127.0.0.1:" + g.upstream.actualPort(),
                  AllowedHostsGateway.basic("x-access-token", REAL_GIT),
                  "/acme/app.git/info/refs"));

      Workspace edited =
          g.client
              .resources(Workspace.class)
              .inNamespace(AllowedHostsGateway.NS)
              .withName("ws")
              .get();
      edited.getSpec().setRepo(g.repoAt("localhost"));
      g.client.resource(edited).update();

      HttpResponse<String> refused =
          Eventually.await(
              TIMEOUT,
              "git refused once the gateway has re-read the Workspace (grantCacheTTL: 100ms)",
              g::git,
              r -> r.statusCode() == 403 && r.body().contains(CredentialHosts.ANNOTATION));
      assertThat(refused.body())
          .contains("Secret \"gh\" does not allow its token to be sent to localhost")
          .contains("adds localhost to the Secret's annotation axon.io/allowed-hosts")
          .doesNotContain(REAL_GIT);
      g.assertRefusalAudited("git", "localhost", g::git);
      assertThat(g.seen)
          .as("nothing reached the host the Secret does not allow")
          .noneMatch(s -> s.host().startsWith("localhost"));
    }
  }
}
