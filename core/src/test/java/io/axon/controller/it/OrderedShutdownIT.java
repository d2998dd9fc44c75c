package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A leader stopped in the middle of a burst finishes the reconciles it had started before it
 * releases its Lease: the release is its last write.
 */
class OrderedShutdownIT {
  static final Duration TIMEOUT = Duration.ofSeconds(90);
  static final String LEASE = "shutdown-lease";
  static ControlPlane plane;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start();
    client = plane.client();
  }

  @AfterAll
  static void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aStoppingLeaderDrainsItsWorkBeforeItReleasesTheLease() throws Exception {
    String ns = plane.createNamespace("shutdown");
    int tasks = 200;
    ControllerInstance replica = LeaderElectionIT.replica("stopping", LEASE, plane);
    try {
      LeaderElectionIT.awaitHolder(client, LEASE, replica);
      CompletableFuture<Void> burst =
          CompletableFuture.runAsync(() -> TaskJobs.createTasks(client, ns, "burst", tasks));
      Eventually.await(
          TIMEOUT,
          "the replica busy creating Jobs",
          () -> replica.requests.count("POST", "jobs", 201),
          n -> n >= 30);
      replica.close();
      burst.get();
    } finally {
      replica.close();
    }

    List<RequestCounter.Call> calls = replica.requests.calls();
    int release = lastIndexOf(calls, c -> c.resource().equals("leases") && isWrite(c));
    assertThat(release).as("the Lease released").isGreaterThanOrEqualTo(0);
    // fabric8 releases a Lease by shortening it to one second from now.
    assertThat(
            client
                .leases()
                .inNamespace(ControlPlane.CONTROLLER_NAMESPACE)
                .withName(LEASE)
                .get()
                .getSpec()
                .getLeaseDurationSeconds())
        .as("the Lease's duration after the release")
        .isEqualTo(1);
    assertThat(calls.subList(release + 1, calls.size()).stream().filter(OrderedShutdownIT::isWrite))
        .as("writes answered after the Lease was released")
        .isEmpty();

    System.out.printf(
        "[shutdown] stopped with %d of %d Jobs created; %d calls, the release %d from the end%n",
        replica.requests.count("POST", "jobs", 201), tasks, calls.size(), calls.size() - release);
  }

  static boolean isWrite(RequestCounter.Call call) {
    return !call.method().equals("GET");
  }

  static int lastIndexOf(
      List<RequestCounter.Call> calls, java.util.function.Predicate<RequestCounter.Call> which) {
    for (int i = calls.size() - 1; i >= 0; i--) {
      if (which.test(calls.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
