package io.axon.controller.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Competes for a {@code coordination.k8s.io} Lease, for as long as it is deployed; publishes on
 * {@link Addresses#LEADERSHIP} whenever this replica gains or loses it. Only the leader reconciles
 * and polls.
 *
 * <p>fabric8's {@code LeaderElector} competes once: its run ends when it loses the Lease (someone
 * took it, or renewing failed for a renew deadline, as in an API-server outage). So each loss
 * closes the {@link LeaseFence} at once, announces it, and starts a fresh elector after a short
 * jittered backoff, rather than exiting: the replica keeps its warm caches and is back as soon as
 * the Lease is free, and a replica that cannot compete says so on {@code /healthz}.
 */
public final class LeaderElectionVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElectionVerticle.class);
  private static final Backoff RECOMPETE =
      new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

  private final KubernetesClient client;
  private final LeaderElectionSettings settings;
  private final String identity;
  private final LeaseFence fence;
  // Written on the event loop and fabric8's threads, read by the health endpoint.
  private volatile boolean leading;
  private volatile boolean competing;
  private volatile boolean stopping;
  private volatile CompletableFuture<?> election;
  private int failures;

  /**
   * @param client a client fenced by {@code fence}, so that its Lease writes keep the fence open
   */
  public LeaderElectionVerticle(
      KubernetesClient client, LeaderElectionSettings settings, String identity, LeaseFence fence) {
    this.client = client;
    this.settings = settings;
    this.identity = identity;
    this.fence = fence;
  }

  @Override
  public Future<?> start() {
    compete();
    return Future.succeededFuture();
  }

  /**
   * Stops competing and releases the Lease if held; the release is a blocking API call, so it runs
   * on a worker thread.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    fence.lost();
    CompletableFuture<?> running = election;
    return vertx.executeBlocking(
        () -> {
          if (running != null) {
            // With releaseOnCancel, cancelling releases the Lease on this thread.
            running.cancel(true);
          }
          return null;
        });
  }

  /** Whether an elector is running or about to run again: false means this replica cannot lead. */
  public boolean isCompeting() {
    return competing;
  }

  /** Whether this replica currently holds the lease. */
  public boolean isLeading() {
    return leading;
  }

  private void compete() {
    if (stopping) {
      return;
    }
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
                    this::gained, this::lost, leader -> LOG.info("Leader is now {}", leader)))
            .build();
    try {
      CompletableFuture<?> run = client.leaderElector().withConfig(config).build().start();
      election = run;
      competing = true;
      run.whenComplete((v, e) -> vertx.runOnContext(x -> ended(e)));
    } catch (RuntimeException e) {
      competing = false;
      ended(e);
    }
  }

  /** The elector's run ended: it lost the Lease, failed, or was cancelled by {@link #stop}. */
  private void ended(Throwable failure) {
    if (stopping) {
      competing = false;
      return;
    }
    if (leading) {
      lost();
    }
    failures = failure == null ? 0 : failures + 1;
    Duration wait = RECOMPETE.delay(failures + 1);
    if (failure != null) {
      LOG.warn(
          "Leader election for Lease {}/{} failed, competing again in {} ms: {}",
          settings.leaseNamespace(),
          settings.leaseName(),
          wait.toMillis(),
          failure.toString());
    } else {
      LOG.info("{} competes for the Lease again in {} ms", identity, wait.toMillis());
    }
    vertx.setTimer(Math.max(1, wait.toMillis()), id -> compete());
  }

  private void gained() {
    fence.gained();
    announce(true);
  }

  private void lost() {
    // First, on whichever thread noticed: nothing may be written from here on.
    fence.lost();
    if (leading) {
      announce(false);
    }
  }

  private synchronized void announce(boolean leader) {
    if (leading == leader) {
      return;
    }
    leading = leader;
    if (leader) {
      LOG.info("{} became leader ({} ms after the JVM started)", identity, ProcessUptime.millis());
    } else {
      LOG.info("{} stopped leading", identity);
    }
    vertx
        .eventBus()
        .publish(
            Addresses.LEADERSHIP, new JsonObject().put("leader", leader).put("identity", identity));
  }
}
