package io.axon.controller.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped deploy/optional/bridge-networkpolicy.yaml selects the controller's pods and lets only
 * pods labelled as bridge clients, in namespaces labelled to allow them, reach the bridge's port.
 */
class BridgeNetworkPolicyTest {
  static final Path DEPLOY = Path.of("").toAbsolutePath().getParent().resolve("deploy");

  @Test
  void onlyLabelledClientsInAllowedNamespacesReachTheBridgePort() throws Exception {
    NetworkPolicy policy = load("optional/bridge-networkpolicy.yaml", NetworkPolicy.class);
    Deployment controller = load("controller/deployment.yaml", Deployment.class);

    assertThat(controller.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getMetadata().getNamespace())
        .isEqualTo(controller.getMetadata().getNamespace());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    List<NetworkPolicyIngressRule> toBridge =
        policy.getSpec().getIngress().stream()
            .filter(rule -> rule.getPorts().stream().anyMatch(p -> port(p) == 7000))
            .toList();
    assertThat(toBridge).hasSize(1);
    NetworkPolicyIngressRule rule = toBridge.get(0);
    assertThat(rule.getPorts()).extracting(BridgeNetworkPolicyTest::port).containsExactly(7000);
    assertThat(rule.getFrom()).hasSize(1);
    NetworkPolicyPeer peer = rule.getFrom().get(0);
    // Both selectors in one peer: a labelled pod, and in an allowing namespace (not either).
    assertThat(peer.getPodSelector().getMatchLabels())
        .isEqualTo(Map.of("axon.io/bridge-client", "true"));
    assertThat(peer.getNamespaceSelector().getMatchLabels())
        .isEqualTo(Map.of("axon.io/bridge-clients", "allowed"));
    assertThat(peer.getIpBlock()).isNull();
    // Any other rule opens only the health and metrics port, never the bridge's.
    policy.getSpec().getIngress().stream()
        .filter(r -> r != rule)
        .forEach(
            r ->
                assertThat(r.getPorts())
                    .extracting(BridgeNetworkPolicyTest::port)
                    .containsOnly(8081));
  }

  private static int port(NetworkPolicyPort port) {
    IntOrString value = port.getPort();
    return value.getIntVal();
  }

  private static <T> T load(String path, Class<T> type) throws Exception {
    return Serialization.unmarshal(Files.readString(DEPLOY.resolve(path)), type);
  }
}
