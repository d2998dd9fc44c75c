package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.axon.controller.gateway.AgentEgressPolicy;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code gateway.enabled}, the controller keeps the NetworkPolicy {@code axon-agent-egress} in
 * the namespace before the first Job: it selects the agent pods (matched against the real Job's pod
 * template labels), lets nothing connect to them and lets them reach only DNS and the gateway; a
 * widened copy is put back at the next Job, and the garbage collector deletes it once the Tasks
 * that own it are gone.
 */
class AgentEgressPolicyIT {
  static final String NS = "agent-egress";
  static final String GATEWAY_URL = "http://axon-gateway.axon-system.svc:8080";
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  @RegisterExtension
  static final KwokControlPlane cluster =
      new KwokControlPlane(NS)
          .withControllerSettings(
              new JsonObject()
                  .put("gateway", new JsonObject().put("enabled", true).put("url", GATEWAY_URL)));

  @Test
  void agentPodsReachOnlyDnsAndTheGatewayWhileTheirTasksExist() {
    cluster.pods.keepRunning("first");
    cluster.pods.keepRunning("second");
    Task first = cluster.client.resource(Fixtures.task(NS, "first")).create();
    Job job = job("first");
    NetworkPolicy policy = policy();
    assertThat(policy).as("the policy exists before the pod can run").isNotNull();
    assertThat(owners(policy)).containsExactly(first.getMetadata().getUid());

    Map<String, String> podLabels = job.getSpec().getTemplate().getMetadata().getLabels();
    assertThat(matches(policy.getSpec().getPodSelector(), podLabels))
        .as("the policy selects the agent pod %s", podLabels)
        .isTrue();
    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(policy.getSpec().getIngress())
        .as("nothing may connect to agent pods")
        .isNullOrEmpty();
    assertOnlyDnsAndGateway(policy.getSpec().getEgress());

    // Someone widens it: the next Job puts it back, and its Task joins the owners.
    NetworkPolicy widened = policy();
    List<NetworkPolicyEgressRule> egress = new ArrayList<>(widened.getSpec().getEgress());
    egress.add(new NetworkPolicyEgressRuleBuilder().build()); // to anywhere, any port
    widened.getSpec().setEgress(egress);
    cluster.client.resource(widened).update();
    assertThat(policy().getSpec().getEgress()).hasSize(3);

    Task second = cluster.client.resource(Fixtures.task(NS, "second")).create();
    job("second");
    NetworkPolicy restored =
        Eventually.await(
            TIMEOUT,
            "the policy put back with both Tasks as owners",
            AgentEgressPolicyIT::policy,
            p -> p.getSpec().getEgress().size() == 2 && owners(p).size() == 2);
    assertOnlyDnsAndGateway(restored.getSpec().getEgress());
    assertThat(owners(restored))
        .containsExactlyInAnyOrder(first.getMetadata().getUid(), second.getMetadata().getUid());

    // One owner gone: the policy stays for the other; both gone: the garbage collector deletes it.
    cluster.client.resource(first).delete();
    Eventually.await(
        TIMEOUT,
        "the first Task's owner reference dropped",
        AgentEgressPolicyIT::policy,
        p -> p != null && owners(p).equals(List.of(second.getMetadata().getUid())));
    cluster.client.resource(second).delete();
    Eventually.await(TIMEOUT, "the policy deleted", () -> policy() == null, gone -> gone);
  }

  private static void assertOnlyDnsAndGateway(List<NetworkPolicyEgressRule> egress) {
    assertThat(egress).hasSize(2);
    NetworkPolicyEgressRule dns = egress.get(0);
    assertThat(peers(dns))
        .containsExactly("kubernetes.io/metadata.name=kube-system|k8s-app=kube-dns");
    assertThat(dns.getPorts())
        .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
        .containsExactlyInAnyOrder("UDP/53", "TCP/53");
    NetworkPolicyEgressRule gateway = egress.get(1);
    assertThat(peers(gateway))
        .containsExactly(
            "kubernetes.io/metadata.name=axon-system|app.kubernetes.io/name=axon-gateway");
    assertThat(gateway.getPorts())
        .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
        .containsExactly("TCP/8080");
  }

  /** Each peer as namespace selector | pod selector; no ipBlock (an address would be a way out). */
  private static List<String> peers(NetworkPolicyEgressRule rule) {
    return rule.getTo().stream().map(AgentEgressPolicyIT::peer).toList();
  }

  private static String peer(NetworkPolicyPeer peer) {
    assertThat(peer.getIpBlock()).isNull();
    return selector(peer.getNamespaceSelector()) + "|" + selector(peer.getPodSelector());
  }

  private static String selector(LabelSelector selector) {
    assertThat(selector.getMatchExpressions()).isNullOrEmpty();
    return String.join(
        ",",
        selector.getMatchLabels().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .sorted()
            .toList());
  }

  /** A LabelSelector's meaning: every matchLabels pair and every matchExpressions requirement. */
  private static boolean matches(LabelSelector selector, Map<String, String> labels) {
    boolean byLabels =
        selector.getMatchLabels() == null
            || selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    boolean byExpressions =
        selector.getMatchExpressions() == null
            || selector.getMatchExpressions().stream()
                .allMatch(
                    r ->
                        switch (r.getOperator()) {
                          case "In" -> r.getValues().contains(labels.get(r.getKey()));
                          case "NotIn" -> !r.getValues().contains(labels.get(r.getKey()));
                          case "Exists" -> labels.containsKey(r.getKey());
                          case "DoesNotExist" -> !labels.containsKey(r.getKey());
                          default -> false;
                        });
    return byLabels && byExpressions;
  }

  private static List<String> owners(NetworkPolicy policy) {
    return policy.getMetadata().getOwnerReferences().stream().map(OwnerReference::getUid).toList();
  }

  private static Job job(String task) {
    return Eventually.await(
        TIMEOUT,
        "the Job of " + task,
        () -> cluster.client.batch().v1().jobs().inNamespace(NS).withName(task).get(),
        j -> j != null);
  }

  private static NetworkPolicy policy() {
    return cluster
        .client
        .network()
        .v1()
        .networkPolicies()
        .inNamespace(NS)
        .withName(AgentEgressPolicy.NAME)
        .get();
  }
}
