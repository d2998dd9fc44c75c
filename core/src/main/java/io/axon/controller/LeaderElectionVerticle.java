package io.axon.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Competes for a {@code coordination.k8s.io} Lease; publishes on {@link Addresses#LEADERSHIP}
 * whenever this replica gains or loses it. Only the leader reconciles and polls.
 */
public final class LeaderElectionVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElectionVerticle.class);

  private final KubernetesClient client;
  private final ControllerSettings.LeaderElection settings;
  private final String identity;
  private final AtomicBoolean leading = new AtomicBoolean();
  private CompletableFuture<?> election;

  public LeaderElectionVerticle(
      KubernetesClient client, ControllerSettings.LeaderElection settings, String identity) {
    this.client = client;
    this.settings = settings;
    this.identity = identity;
  }

  @Override
  public Future<?> start() {
    var config =
        new LeaderElectionConfigBuilder()
            .withName(settings.leaseName())
            .withLock(new LeaseLock(settings.leaseNamespace(), settings.leaseName(), identity))
            .withLeaseDuration(settings.leaseDuration())
            .withRenewDeadline(settings.renewDeadline())
            .withRetryPeriod(settings.retryPeriod())
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(
                new LeaderCallbacks(
                    () -> announce(true),
                    () -> announce(false),
                    leader -> LOG.info("Leader is now {}", leader)))
            .build();
    election = client.leaderElector().withConfig(config).build().start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (election != null) {
      election.cancel(true);
    }
    return Future.succeededFuture();
  }

  /** Whether this replica currently holds the lease. */
  public boolean isLeading() {
    return leading.get();
  }

  private void announce(boolean leader) {
    leading.set(leader);
    LOG.info(leader ? "{} became leader" : "{} stopped leading", identity);
    vertx
        .eventBus()
        .publish(
            Addresses.LEADERSHIP, new JsonObject().put("leader", leader).put("identity", identity));
  }
}
