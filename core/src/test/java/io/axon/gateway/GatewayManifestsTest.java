package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.controller.Fixtures;
import io.axon.controller.gateway.AgentEgressPolicy;
import io.axon.controller.gateway.GatewayClientSettings;
import io.axon.controller.it.RepoPaths;
import io.axon.controller.job.AgentJobBuilder;
import io.axon.controller.job.AgentPodSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shipped gateway manifests fit the pods the controller builds: the agent egress policy selects
 * agent pods and lets them reach only DNS and the gateway, the gateway's own policy admits them,
 * and the Deployment runs {@link GatewayMain}.
 */
class GatewayManifestsTest {
  static final Path DIR = RepoPaths.root().resolve("deploy/gateway");

  final Map<String, String> agentPodLabels =
      new AgentJobBuilder(AgentPodSettings.DEFAULTS, Optional.of("http://gw:8080"))
          .build(Fixtures.task("t"), Optional.empty(), Fixtures.claudeLike())
          .getSpec()
          .getTemplate()
          .getMetadata()
          .getLabels();

  @Test
  void theControllersPolicySelectsGatewayPodsAndLetsThemReachOnlyDnsAndTheGateway() {
    NetworkPolicy policy =
        AgentEgressPolicy.desired(
            "team-a",
            new GatewayClientSettings(true, "http://gw.axon-system.svc:8080").networkPolicy());
    assertThat(agentPodLabels)
        .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    Map<String, String> ownSecretsPod =
        new AgentJobBuilder(AgentPodSettings.DEFAULTS)
            .build(Fixtures.task("t"), Optional.empty(), Fixtures.claudeLike())
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getLabels();
    assertThat(ownSecretsPod)
        .as("a pod that keeps its own Secrets is not cut off")
        .doesNotContainKey(AgentEgressPolicy.EGRESS_LABEL);
    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
    List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
    assertThat(egress).hasSize(2);
    assertThat(egress).allSatisfy(rule -> assertThat(rule.getTo()).isNotEmpty());
    assertThat(ports(egress.get(0))).containsExactlyInAnyOrder("UDP/53", "TCP/53");
    assertThat(egress.get(1).getTo().get(0).getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/name", "axon-gateway");
    assertThat(egress.get(1).getTo().get(0).getNamespaceSelector().getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "axon-system");
    assertThat(ports(egress.get(1))).containsExactly("TCP/8080");
  }

  @Test
  void theGatewayAdmitsAgentPodsAndRunsItsOwnEntryPoint() throws Exception {
    NetworkPolicy policy = read("networkpolicy.yaml", NetworkPolicy.class);
    assertThat(agentPodLabels)
        .containsAllEntriesOf(
            policy
                .getSpec()
                .getIngress()
                .get(0)
                .getFrom()
                .get(0)
                .getPodSelector()
                .getMatchLabels());
    Deployment deployment = read("deployment.yaml", Deployment.class);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
        .contains(GatewayMain.class.getName());
    assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("axon-gateway");
  }

  private static List<String> ports(NetworkPolicyEgressRule rule) {
    return rule.getPorts().stream().map(GatewayManifestsTest::port).toList();
  }

  private static String port(NetworkPolicyPort port) {
    return port.getProtocol() + "/" + port.getPort().getIntVal();
  }

  private static <T> T read(String file, Class<T> type) throws Exception {
    return Serialization.unmarshal(Files.readString(DIR.resolve(file)), type);
  }
}
