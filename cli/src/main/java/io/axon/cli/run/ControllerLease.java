package io.axon.cli.run;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a controller is working, as its leader-election Lease tells: the controller that leads
 * renews {@value #NAME} in {@value #NAMESPACE}. Reading it needs only {@code get} on Leases; when
 * that is not allowed, or the answer is anything but clear, nothing is said.
 */
public final class ControllerLease {
  /** The Lease the controller's leader holds (ControllerSettings' default). */
  public static final String NAME = "axon-controller";

  /** The namespace {@code axon install} puts the controller in. */
  public static final String NAMESPACE = "axon-system";

  /** What to look at when no controller is working. */
  public static final String WHAT_TO_CHECK =
      "check the controller: `kubectl -n %s get deployment %s` (is it available?) and `kubectl -n"
              .formatted(NAMESPACE, NAME)
          + " %s logs deployment/%s`".formatted(NAMESPACE, NAME);

  private final KubernetesClient client;

  public ControllerLease(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Why no controller is working, if the Lease shows that none is: it is missing, has no holder, or
   * was last renewed longer ago than it lasts. Empty when a controller holds it or the Lease cannot
   * be read.
   */
  public Optional<String> problem(Instant now) {
    Lease lease;
    try {
      lease = client.leases().inNamespace(NAMESPACE).withName(NAME).get();
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
    String where = "Lease %s/%s".formatted(NAMESPACE, NAME);
    if (lease == null) {
      return Optional.of("no controller holds the " + where + " (it does not exist)");
    }
    LeaseSpec spec = lease.getSpec();
    if (spec == null || spec.getHolderIdentity() == null || spec.getHolderIdentity().isBlank()) {
      return Optional.of("no controller holds the " + where);
    }
    Instant renewed = spec.getRenewTime() == null ? null : spec.getRenewTime().toInstant();
    Integer seconds = spec.getLeaseDurationSeconds();
    if (renewed != null && seconds != null && renewed.plusSeconds(seconds).isBefore(now)) {
      return Optional.of(
          "the %s was last renewed at %s by %s and has expired: no controller is working"
              .formatted(where, spec.getRenewTime(), spec.getHolderIdentity()));
    }
    return Optional.empty();
  }
}
