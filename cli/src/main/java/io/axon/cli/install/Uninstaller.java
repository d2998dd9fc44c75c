package io.axon.cli.install;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.cli.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Removes Axon: first the TaskSpawners (so no new Tasks appear), then the Tasks (their Jobs and
 * Pods follow by owner reference), then the Workspaces, each in every namespace and while the
 * controller still runs to finish what it must; then the Secrets {@code axon run} made from the
 * config file (labelled as Axon's: they hold the user's tokens); then the controller's objects,
 * then the Roles and RoleBindings a namespaced install made in the namespaces it served, then the
 * CRDs.
 */
public final class Uninstaller {
  /** On every object Axon's manifests make, the namespaced install's Roles included. */
  static final String PART_OF_LABEL = "app.kubernetes.io/part-of";

  static final String PART_OF = "axon";

  private static final List<ResourceKind> ORDER =
      List.of(ResourceKind.TASKSPAWNER, ResourceKind.TASK, ResourceKind.WORKSPACE);

  private final KubernetesClient client;
  private final PrintWriter out;
  private final Duration pollInterval;

  public Uninstaller(KubernetesClient client, PrintWriter out, Duration pollInterval) {
    this.client = client;
    this.out = out;
    this.pollInterval = pollInterval;
  }

  /** Deletes everything; {@code manifests} are the objects {@code axon install} applied. */
  public void uninstall(List<HasMetadata> manifests, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ResourceKind kind : ORDER) {
      deleteAll(kind, deadline);
    }
    deleteManagedSecrets();
    List<HasMetadata> reversed = new ArrayList<>(manifests);
    Collections.reverse(reversed);
    for (HasMetadata object : reversed) {
      if (!(object instanceof CustomResourceDefinition)) {
        delete(object);
      }
    }
    deleteNamespacedRbac(manifests);
    for (HasMetadata object : reversed) {
      if (object instanceof CustomResourceDefinition) {
        delete(object);
      }
    }
  }

  private void deleteAll(ResourceKind kind, long deadline) throws InterruptedException {
    @SuppressWarnings("unchecked")
    var resources = client.resources((Class<HasMetadata>) kind.type()).inAnyNamespace();
    List<HasMetadata> items;
    try {
      items = resources.list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return; // The CRD is gone already: nothing of this kind is left.
      }
      throw e;
    }
    for (HasMetadata item : items) {
      client.resource(item).delete();
    }
    out.println("%d %s(s) deleted".formatted(items.size(), kind.singular()));
    out.flush();
    // Finalizers (the controller's) run before objects vanish; wait so the controller is still
    // there to run them.
    while (!resources.list().getItems().isEmpty()) {
      if (System.nanoTime() > deadline) {
        out.println("warning: some %ss are still terminating; going on".formatted(kind.singular()));
        return;
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  /** Only Secrets labelled as made by axon: a Secret the user made stays, whatever its name. */
  private void deleteManagedSecrets() {
    List<Secret> secrets;
    try {
      secrets =
          client
              .secrets()
              .inAnyNamespace()
              .withLabel(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY)
              .list()
              .getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 403) {
        throw e;
      }
      out.println(
          "warning: not allowed to list Secrets in all namespaces; delete those labelled %s=%s"
                  .formatted(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY)
              + " (made by axon run from the config file) yourself");
      out.flush();
      return;
    }
    for (Secret secret : secrets) {
      client.resource(secret).delete();
    }
    out.println("%d secret(s) made by axon run deleted".formatted(secrets.size()));
    out.flush();
  }

  /**
   * The Roles and RoleBindings {@code axon install --namespaces} rendered in each namespace it
   * served (deploy/namespaced/): not among the manifests, since uninstall is not told those
   * namespaces, so found by Axon's label wherever they are.
   */
  private void deleteNamespacedRbac(List<HasMetadata> manifests) {
    List<HasMetadata> found = new ArrayList<>();
    try {
      found.addAll(
          client
              .rbac()
              .roleBindings()
              .inAnyNamespace()
              .withLabel(PART_OF_LABEL, PART_OF)
              .list()
              .getItems());
      found.addAll(
          client
              .rbac()
              .roles()
              .inAnyNamespace()
              .withLabel(PART_OF_LABEL, PART_OF)
              .list()
              .getItems());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 403) {
        throw e;
      }
      out.println(
          "warning: not allowed to list Roles and RoleBindings in all namespaces; delete those"
              + " labelled %s=%s (made by axon install --namespaces) yourself"
                  .formatted(PART_OF_LABEL, PART_OF));
      out.flush();
      return;
    }
    for (HasMetadata object : found) {
      if (manifests.stream().noneMatch(m -> sameObject(m, object))
          && !client.resource(object).delete().isEmpty()) {
        out.println(
            "%s in namespace %s deleted"
                .formatted(Describe.of(object), object.getMetadata().getNamespace()));
        out.flush();
      }
    }
  }

  private static boolean sameObject(HasMetadata a, HasMetadata b) {
    return a.getKind().equals(b.getKind())
        && a.getMetadata().getName().equals(b.getMetadata().getName())
        && Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace());
  }

  private void delete(HasMetadata object) {
    boolean deleted = !client.resource(object).delete().isEmpty();
    out.println(Describe.of(object) + (deleted ? " deleted" : " not found"));
    out.flush();
  }
}
