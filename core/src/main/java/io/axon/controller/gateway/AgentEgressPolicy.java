package io.axon.controller.gateway;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The NetworkPolicy {@value #NAME} the controller keeps in each namespace where it runs pods
 * through the gateway: it selects those pods (the label {@value #EGRESS_LABEL}{@code =gateway}, so
 * agents that keep their own Secrets are not cut off), lets nothing connect to them, and lets them
 * reach only the cluster DNS and the gateway's pods.
 *
 * <p>Owned by the unfinished Tasks that use it (not as controller): written before each such Task's
 * Job, it is put back as it should be if someone changed it, and the garbage collector deletes it
 * once none of its owners is left. Owners that have finished are dropped when a Task is added,
 * which bounds the list by the Tasks running at once.
 */
public final class AgentEgressPolicy {
  public static final String NAME = "axon-agent-egress";

  /** On agent Jobs and pods whose only way out is the gateway. */
  public static final String EGRESS_LABEL = ApiGroup.GROUP + "/egress";

  public static final String EGRESS_GATEWAY = "gateway";
  static final Map<String, String> GATEWAY_PODS = Map.of("app.kubernetes.io/name", "axon-gateway");
  static final Map<String, String> DNS_PODS = Map.of("k8s-app", "kube-dns");

  private AgentEgressPolicy() {}

  /** The policy as it should be in {@code namespace}, without owners. */
  public static NetworkPolicy desired(String namespace, AgentEgressSettings settings) {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(namespace)
        .withLabels(labels())
        .endMetadata()
        .withSpec(spec(settings))
        .build();
  }

  /**
   * Creates the policy in the Task's namespace, or puts it back as it should be and adds the Task
   * to its owners.
   *
   * @param stillRunning whether an owner's Task is unfinished (finished owners are dropped)
   * @throws IllegalStateException when a NetworkPolicy of that name is not Axon's
   */
  public static void ensure(
      KubernetesClient client,
      Task task,
      AgentEgressSettings settings,
      Predicate<OwnerReference> stillRunning) {
    if (!settings.enabled()) {
      return;
    }
    String namespace = task.getMetadata().getNamespace();
    NetworkPolicy desired = desired(namespace, settings);
    OwnerReference owner = owner(task);
    var policies = client.network().v1().networkPolicies().inNamespace(namespace);
    NetworkPolicy existing = policies.withName(NAME).get();
    if (existing == null) {
      desired.getMetadata().setOwnerReferences(List.of(owner));
      try {
        policies.resource(desired).create();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        existing = policies.withName(NAME).get(); // another replica created it just now
      }
    }
    Map<String, String> existingLabels =
        existing.getMetadata().getLabels() == null ? Map.of() : existing.getMetadata().getLabels();
    if (!ApiGroup.MANAGED_BY.equals(existingLabels.get(ApiGroup.MANAGED_BY_LABEL))) {
      throw new IllegalStateException(
          "NetworkPolicy %s/%s exists and is not Axon's (no label %s=%s); rename it"
              .formatted(namespace, NAME, ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY));
    }
    List<OwnerReference> owners = new ArrayList<>();
    for (OwnerReference o : nullToEmpty(existing.getMetadata().getOwnerReferences())) {
      if (o.getUid().equals(owner.getUid())
          || !"Task".equals(o.getKind())
          || stillRunning.test(o)) {
        owners.add(o);
      }
    }
    if (owners.stream().noneMatch(o -> o.getUid().equals(owner.getUid()))) {
      owners.add(owner);
    }
    Map<String, String> labels = new LinkedHashMap<>(existingLabels);
    labels.putAll(labels());
    if (Objects.equals(existing.getSpec(), desired.getSpec())
        && labels.equals(existingLabels)
        && owners.equals(existing.getMetadata().getOwnerReferences())) {
      return;
    }
    existing.setSpec(desired.getSpec());
    existing.getMetadata().setLabels(labels);
    existing.getMetadata().setOwnerReferences(owners);
    // Optimistic concurrency: a conflicting write fails this reconcile, which is retried.
    policies.resource(existing).update();
  }

  private static NetworkPolicySpec spec(AgentEgressSettings settings) {
    NetworkPolicyEgressRule dns =
        new NetworkPolicyEgressRuleBuilder()
            .addNewTo()
            .withNewNamespaceSelector()
            .withMatchLabels(Map.of("kubernetes.io/metadata.name", settings.dnsNamespace()))
            .endNamespaceSelector()
            .withNewPodSelector()
            .withMatchLabels(DNS_PODS)
            .endPodSelector()
            .endTo()
            .addNewPort()
            .withProtocol("UDP")
            .withPort(new IntOrString(53))
            .endPort()
            .addNewPort()
            .withProtocol("TCP")
            .withPort(new IntOrString(53))
            .endPort()
            .build();
    NetworkPolicyEgressRule gateway =
        new NetworkPolicyEgressRuleBuilder()
            .addNewTo()
            .withNewNamespaceSelector()
            .withMatchLabels(Map.of("kubernetes.io/metadata.name", settings.gatewayNamespace()))
            .endNamespaceSelector()
            .withNewPodSelector()
            .withMatchLabels(GATEWAY_PODS)
            .endPodSelector()
            .endTo()
            .addNewPort()
            .withProtocol("TCP")
            .withPort(new IntOrString(settings.gatewayPort()))
            .endPort()
            .build();
    return new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpecBuilder()
        .withNewPodSelector()
        .withMatchLabels(
            Map.of(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY, EGRESS_LABEL, EGRESS_GATEWAY))
        .endPodSelector()
        .withPolicyTypes("Ingress", "Egress") // Ingress with no rule: nothing connects to them
        .withEgress(dns, gateway)
        .build();
  }

  private static Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY);
    labels.put("app.kubernetes.io/part-of", "axon");
    return labels;
  }

  private static OwnerReference owner(Task task) {
    return new OwnerReferenceBuilder()
        .withApiVersion(ApiGroup.API_VERSION)
        .withKind("Task")
        .withName(task.getMetadata().getName())
        .withUid(task.getMetadata().getUid())
        .build();
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
