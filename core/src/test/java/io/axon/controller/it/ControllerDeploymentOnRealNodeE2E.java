package io.axon.controller.it;

import static io.axon.agent.testing.ModelReply.say;
import static io.axon.controller.it.RealNodeFixtures.MODEL_PORT_IN_POD;
import static io.axon.controller.it.RealNodeFixtures.NS;
import static io.axon.controller.it.RealNodeFixtures.TIMEOUT;
import static io.axon.controller.it.RealNodeFixtures.awaitFinished;
import static io.axon.controller.it.RealNodeFixtures.port;
import static io.axon.controller.it.RealNodeFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.job.JobNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The controller as the shipped Deployment, from the controller image, on a real node: of its two
 * replicas one holds the Lease and turns a Task into a Job whose pod succeeds; both answer {@code
 * /healthz} and {@code /readyz} (leader, standby) and start with the image's class archive (no
 * class-data-sharing warning in their logs); killing the leader's pod hands the Lease to the other,
 * which makes the Job of a Task created after.
 *
 * <p>The kubelet cannot reach pod IPs on this node (hack/node/README.md), so its HTTP probes are
 * taken out of the Deployment here and the same endpoints are asked through a port-forward (the CRI
 * stream server, inside the pod's network namespace).
 */
class ControllerDeploymentOnRealNodeE2E {
  static final String SYSTEM = RealNode.CONTROLLER_NAMESPACE;
  static final String LEASE = ControllerDeployment.LEASE;

  static RealNode node;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    node = RealNode.start();
    client = node.client();
    RealNodeFixtures.agentsNamespace(node);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void twoReplicasElectALeaderThatMakesJobsAndTheOtherTakesOverWhenItsPodIsKilled()
      throws Exception {
    try (ScriptedAnthropicServer model = ScriptedAnthropicServer.start(say("Done."))) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      ControllerDeployment.create(node);

      String leader;
      try {
        leader = awaitLeader(null);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + controllerPods(), e);
      }
      List<Pod> pods = awaitTwoRunning();
      for (Pod pod : pods) {
        String name = pod.getMetadata().getName();
        awaitAnswer(name, "/healthz", "ok\n");
        awaitAnswer(name, "/readyz", name.equals(leader) ? "ok: leader\n" : "ok: standby\n");
        // JDK 17 starts without an archive it cannot use, and says so only in one warning line.
        assertThat(client.pods().inNamespace(SYSTEM).withName(name).getLog())
            .as("the log of %s", name)
            .contains("Settings read")
            .doesNotContainIgnoringCase("shared archive")
            .doesNotContain("[cds");
      }
      client.resource(task("before-failover", "Say done.")).create();
      assertThat(awaitFinished(client, "before-failover").getStatus().getPhase())
          .isEqualTo(TaskPhase.Succeeded);

      // Killed, not stopped: no ordered shutdown, the Lease is not released, it expires.
      client.pods().inNamespace(SYSTEM).withName(leader).withGracePeriod(0).delete();
      String next = awaitLeader(leader);
      client.resource(task("after-failover", "Say done.")).create();

      Eventually.await(
          TIMEOUT,
          "the new leader " + next + " to make the Job of Task after-failover",
          () ->
              client
                  .batch()
                  .v1()
                  .jobs()
                  .inNamespace(NS)
                  .withName(JobNames.forTask("after-failover"))
                  .get(),
          job -> true);
      assertThat(awaitFinished(client, "after-failover").getStatus().getPhase())
          .isEqualTo(TaskPhase.Succeeded);
      assertThat(next).isNotEqualTo(leader);
      assertThat(pods.stream().map(p -> p.getMetadata().getName())).contains(next);
      // Each Task got exactly one Job, whoever led.
      assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).hasSize(2);
    }
  }

  /** Each controller pod's phase, container states and log: what to read when no one leads. */
  private static String controllerPods() {
    StringBuilder out = new StringBuilder();
    for (Pod pod : client.pods().inNamespace(SYSTEM).list().getItems()) {
      out.append("pod ")
          .append(pod.getMetadata().getName())
          .append(": ")
          .append(pod.getStatus().getPhase())
          .append(' ')
          .append(pod.getStatus().getContainerStatuses())
          .append('\n');
      try {
        out.append(
            client.pods().inNamespace(SYSTEM).withName(pod.getMetadata().getName()).getLog());
      } catch (RuntimeException e) {
        out.append("(no log: ").append(e.getMessage()).append(")\n");
      }
    }
    return out.toString();
  }

  /** The Lease's holder once it is someone other than {@code previous}. */
  private static String awaitLeader(String previous) {
    return Eventually.await(
            TIMEOUT,
            previous == null ? "a replica to hold the Lease" : "another replica than " + previous,
            () -> client.leases().inNamespace(SYSTEM).withName(LEASE).get(),
            (Lease lease) ->
                lease.getSpec() != null
                    && lease.getSpec().getHolderIdentity() != null
                    && !lease.getSpec().getHolderIdentity().isEmpty()
                    && !lease.getSpec().getHolderIdentity().equals(previous))
        .getSpec()
        .getHolderIdentity();
  }

  private static List<Pod> awaitTwoRunning() {
    return Eventually.await(
        TIMEOUT,
        "both controller replicas running",
        () ->
            client
                .pods()
                .inNamespace(SYSTEM)
                .withLabel("app.kubernetes.io/name", "axon-controller")
                .list()
                .getItems(),
        pods ->
            pods.size() == 2
                && pods.stream().allMatch(p -> "Running".equals(p.getStatus().getPhase())));
  }

  /** Waits until the pod's health port answers the path with 200 and this body. */
  private static void awaitAnswer(String pod, String path, String body) {
    Eventually.await(
        TIMEOUT,
        pod + " to answer " + path + " with 200 " + body.strip(),
        () -> get(pod, path),
        answer -> answer.equals("200 " + body));
  }

  /** An HTTP GET of the controller's health port through a port-forward to its pod. */
  private static String get(String pod, String path) {
    try (LocalPortForward forward =
        client.pods().inNamespace(SYSTEM).withName(pod).portForward(8081)) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + forward.getLocalPort() + path))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.statusCode() + " " + response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
