package io.axon.controller.it;

import io.axon.controller.runtime.Addresses;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicLong;

/** What tests do to a controller's Lease, and what they see of its leadership. */
final class Leases {
  private Leases() {}

  /**
   * Makes {@code holder} the Lease's holder, renewed now, for {@code duration}: what another
   * replica (or a person with kubectl) taking the Lease looks like to this one.
   */
  static void setHolder(KubernetesClient admin, String lease, String holder, Duration duration) {
    // The replica renews the same Lease concurrently: a 409 means it renewed in between, so the
    // edit is retried on the fresh copy (as a second replica's elector would).
    for (int attempt = 1; ; attempt++) {
      try {
        admin
            .leases()
            .inNamespace(ControlPlane.CONTROLLER_NAMESPACE)
            .withName(lease)
            .edit(
                (Lease l) -> {
                  ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
                  l.getSpec().setHolderIdentity(holder);
                  l.getSpec().setLeaseDurationSeconds((int) duration.toSeconds());
                  l.getSpec().setAcquireTime(now);
                  l.getSpec().setRenewTime(now);
                  return l;
                });
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= 20) {
          throw e;
        }
      }
    }
  }

  /**
   * Controller settings' {@code leaderElection}: competing for {@code lease} (15 s lease, 10 s
   * renew deadline, 2 s retry).
   */
  static JsonObject election(String lease) {
    return new JsonObject()
        .put("enabled", true)
        .put("leaseName", lease)
        .put("leaseNamespace", ControlPlane.CONTROLLER_NAMESPACE)
        .put("leaseDurationSeconds", 15)
        .put("renewDeadlineSeconds", 10)
        .put("retryPeriodSeconds", 2);
  }

  static String holder(KubernetesClient admin, String lease) {
    Lease l = admin.leases().inNamespace(ControlPlane.CONTROLLER_NAMESPACE).withName(lease).get();
    return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
  }

  /** When a replica last announced that it gained or lost the Lease. */
  static final class Announcements {
    final AtomicLong lastLoss = new AtomicLong();
    final AtomicLong lastGain = new AtomicLong();
  }

  /** Starts recording the replica's announcements ({@link System#nanoTime}; 0 for none yet). */
  static Announcements follow(ControllerInstance replica) {
    Announcements seen = new Announcements();
    replica
        .harness
        .vertx()
        .eventBus()
        .<JsonObject>consumer(
            Addresses.LEADERSHIP,
            m ->
                (m.body().getBoolean("leader") ? seen.lastGain : seen.lastLoss)
                    .set(System.nanoTime()));
    return seen;
  }
}
