package io.axon.gateway;

import io.axon.controller.credentials.CredentialHosts;
import io.fabric8.kubernetes.api.model.Secret;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where a grant's git token may go: the hosts its Workspace Secret's {@value
 * CredentialHosts#ANNOTATION} annotation allows, by the rule the spawner and the clone apply. The
 * gateway reads the Workspace's repository live, and a Workspace may be edited after its Task
 * started: without this check its author could have the gateway carry the token to any host.
 *
 * @param secret the Secret's name, for the refusal's message
 * @param hosts the allowed hosts, lower-case
 * @param unusable why the Secret's token could not be had at all (a GitHub App token the gateway
 *     may not request from its API host): every use is refused with it
 */
public record GitTokenScope(String secret, List<String> hosts, Optional<String> unusable) {
  /** A scope for grants whose token comes from no Secret: it goes nowhere. */
  public static final GitTokenScope NONE = new GitTokenScope("(none)", List.of());

  public GitTokenScope {
    hosts = List.copyOf(hosts);
  }

  public GitTokenScope(String secret, List<String> hosts) {
    this(secret, hosts, Optional.empty());
  }

  /** This scope for a token that could not be had: every use is refused saying why. */
  public GitTokenScope refusingEveryUse(String why) {
    return new GitTokenScope(secret, hosts, Optional.of(why));
  }

  public static GitTokenScope of(Secret secret) {
    return new GitTokenScope(secret.getMetadata().getName(), CredentialHosts.allowed(secret));
  }

  /** Why the token may not be sent to {@code url}'s host, or empty when it may. */
  public Optional<String> refusal(URI url, String use) {
    if (unusable.isPresent()) {
      return unusable;
    }
    String host = url.getHost() == null ? String.valueOf(url) : url.getHost();
    return CredentialHosts.refusal(secret, hosts, host, use).map(r -> "axon gateway: " + r);
  }
}
