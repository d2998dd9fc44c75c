package io.axon.controller.credentials;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a Secret's owner lets its token go: the hosts in the Secret's {@value #ANNOTATION}
 * annotation, or the public GitHub when it has none. Whoever may create a Workspace may name any
 * Secret of the namespace and any host; only this check, made before the token is used, keeps the
 * controller from carrying someone else's token to a host of the Workspace author's choosing.
 */
public final class CredentialHosts {

  public static final String ANNOTATION = "axon.io/allowed-hosts";

  /** Where a GitHub token goes when its Secret does not say: git and the REST API. */
  public static final List<String> DEFAULT = List.of("github.com", "api.github.com");

  private CredentialHosts() {}

  /** The hosts the Secret allows, lower-case. */
  public static List<String> allowed(Secret secret) {
    Map<String, String> annotations =
        secret.getMetadata() == null ? null : secret.getMetadata().getAnnotations();
    return allowed(annotations == null ? null : annotations.get(ANNOTATION));
  }

  /** The hosts an annotation value allows, lower-case; {@link #DEFAULT} for no annotation. */
  public static List<String> allowed(String listed) {
    if (listed == null) {
      return DEFAULT;
    }
    return Arrays.stream(listed.split(","))
        .map(h -> h.strip().toLowerCase(Locale.ROOT))
        .filter(h -> !h.isEmpty())
        .toList();
  }

  /**
   * Why the token may not go to {@code host}, saying what to add and where; empty when it may.
   *
   * @param use what would send it, for the message: "the clone", "TaskSpawner polls"
   */
  public static Optional<String> refusal(Secret secret, String host, String use) {
    return refusal(secret.getMetadata().getName(), allowed(secret), host, use);
  }

  /**
   * {@link #refusal(Secret, String, String)} for a Secret read earlier: its name and {@link
   * #allowed} hosts.
   */
  public static Optional<String> refusal(
      String secretName, List<String> allowed, String host, String use) {
    String wanted = host.toLowerCase(Locale.ROOT);
    if (allowed.contains(wanted)) {
      return Optional.empty();
    }
    return Optional.of(
        ("Secret \"%s\" does not allow its token to be sent to %s, where %s would send it. If"
                + " that host should have it, the Secret's owner adds %s to the Secret's annotation"
                + " %s (comma-separated hosts; without the annotation: %s)")
            .formatted(secretName, wanted, use, wanted, ANNOTATION, String.join(",", DEFAULT)));
  }
}
