package io.axon.cli.install;

import io.axon.cli.UserException;
import io.axon.cli.output.HumanDuration;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies the manifests with server-side apply (field manager {@code axon}, conflicts forced: axon
 * owns these objects), then waits for the CRDs to be established and the controller Deployments to
 * be available. Running it again changes nothing that is already right.
 */
public final class Installer {
  public static final String FIELD_MANAGER = "axon";

  private final KubernetesClient client;
  private final PrintWriter out;
  private final boolean progress;
  private final Duration pollInterval;

  /**
   * @param progress whether to redraw a progress line (only on a terminal)
   */
  public Installer(
      KubernetesClient client, PrintWriter out, boolean progress, Duration pollInterval) {
    this.client = client;
    this.out = out;
    this.progress = progress;
    this.pollInterval = pollInterval;
  }

  /** Applies the objects in order and waits for them, for at most {@code timeout}. */
  public void install(List<HasMetadata> objects, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (HasMetadata object : objects) {
      object.getMetadata().setResourceVersion(null);
      client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      out.println(Describe.of(object) + " serverside-applied");
      out.flush();
    }
    for (HasMetadata object : objects) {
      if (object instanceof CustomResourceDefinition crd) {
        awaitEstablished(crd.getMetadata().getName(), deadline, timeout);
      }
    }
    for (HasMetadata object : objects) {
      if (object instanceof Deployment deployment) {
        awaitAvailable(
            deployment.getMetadata().getNamespace(),
            deployment.getMetadata().getName(),
            deadline,
            timeout);
      }
    }
  }

  private void awaitEstablished(String name, long deadline, Duration timeout)
      throws InterruptedException {
    while (true) {
      CustomResourceDefinition crd =
          client.apiextensions().v1().customResourceDefinitions().withName(name).get();
      if (established(crd)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new UserException(
            "CRD %s was not established within %s".formatted(name, HumanDuration.format(timeout)));
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  /**
   * Whether the API server serves the CRD's kind. A just-created CRD can have a status with no
   * conditions yet.
   */
  public static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void awaitAvailable(String namespace, String name, long deadline, Duration timeout)
      throws InterruptedException {
    long start = System.nanoTime();
    String what = "deployment %s/%s".formatted(namespace, name);
    if (!progress) {
      out.println("Waiting for " + what + " to be available...");
      out.flush();
    }
    while (true) {
      Deployment deployment =
          client.apps().deployments().inNamespace(namespace).withName(name).get();
      if (deployment != null && available(deployment)) {
        if (progress) {
          out.print("\r\u001b[K");
        }
        out.println(
            "%s is available (%s)"
                .formatted(
                    what, HumanDuration.format(Duration.ofNanos(System.nanoTime() - start))));
        out.flush();
        return;
      }
      if (progress) {
        out.print(
            "\r\u001b[KWaiting for %s: %s ready (%s)"
                .formatted(
                    what,
                    readiness(deployment),
                    HumanDuration.format(Duration.ofNanos(System.nanoTime() - start))));
        out.flush();
      }
      if (System.nanoTime() > deadline) {
        if (progress) {
          out.println();
        }
        throw new UserException(
            "%s did not become available within %s%s; see `kubectl -n %s describe deployment %s`"
                .formatted(what, HumanDuration.format(timeout), why(deployment), namespace, name));
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  /** Whether the Deployment's current generation runs its wanted replicas and says Available. */
  static boolean available(Deployment deployment) {
    var status = deployment.getStatus();
    if (status == null) {
      return false;
    }
    long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
    long observed = Objects.requireNonNullElse(status.getObservedGeneration(), 0L);
    int wanted = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
    int availableReplicas = Objects.requireNonNullElse(status.getAvailableReplicas(), 0);
    boolean availableCondition =
        status.getConditions().stream()
            .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
    return observed >= generation
        && updated >= wanted
        && availableReplicas >= wanted
        && availableCondition;
  }

  private static String readiness(Deployment deployment) {
    if (deployment == null || deployment.getStatus() == null) {
      return "0/?";
    }
    return "%d/%d"
        .formatted(
            Objects.requireNonNullElse(deployment.getStatus().getAvailableReplicas(), 0),
            Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1));
  }

  /** What the pods are waiting for (ImagePullBackOff, ...), to put in the timeout message. */
  private String why(Deployment deployment) {
    if (deployment == null || deployment.getSpec().getSelector() == null) {
      return "";
    }
    List<String> reasons = new ArrayList<>();
    for (Pod pod :
        client
            .pods()
            .inNamespace(deployment.getMetadata().getNamespace())
            .withLabels(deployment.getSpec().getSelector().getMatchLabels())
            .list()
            .getItems()) {
      if (pod.getStatus() == null) {
        continue;
      }
      pod.getStatus().getContainerStatuses().stream()
          .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
          .map(c -> c.getName() + ": " + c.getState().getWaiting().getReason())
          .forEach(reasons::add);
      pod.getStatus().getConditions().stream()
          .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
          .map(c -> "not scheduled: " + c.getMessage())
          .forEach(reasons::add);
    }
    for (DeploymentCondition condition :
        deployment.getStatus() == null
            ? List.<DeploymentCondition>of()
            : deployment.getStatus().getConditions()) {
      if ("False".equals(condition.getStatus()) && condition.getMessage() != null) {
        reasons.add(condition.getMessage());
      }
    }
    return reasons.isEmpty()
        ? ""
        : " (" + String.join("; ", reasons.stream().distinct().toList()) + ")";
  }
}
