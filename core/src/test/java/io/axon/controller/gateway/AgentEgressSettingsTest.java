package io.axon.controller.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.controller.wiring.ControllerSettings;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AgentEgressSettingsTest {
  @Test
  void theGatewaysNamespaceComesFromItsServiceUrlUnlessSet() {
    assertThat(
            new GatewayClientSettings(true, "http://axon-gateway.gw-ns.svc.cluster.local:8080")
                .networkPolicy())
        .isEqualTo(new AgentEgressSettings(true, "gw-ns", 8080, "kube-system"));
    assertThat(new GatewayClientSettings(true, "http://10.0.0.7:8080").networkPolicy())
        .isEqualTo(new AgentEgressSettings(true, "axon-system", 8080, "kube-system"));
    assertThat(GatewayClientSettings.OFF.networkPolicy().enabled()).isFalse();
  }

  @Test
  void theSettingsAreReadAndCheckedAsControllerKeys() {
    JsonObject json =
        new JsonObject()
            .put(
                "gateway",
                new JsonObject()
                    .put("enabled", true)
                    .put("url", "http://gw.axon-system.svc:8080")
                    .put(
                        "networkPolicy",
                        new JsonObject()
                            .put("enabled", false)
                            .put("gatewayNamespace", "edge")
                            .put("gatewayPort", 9443)
                            .put("dnsNamespace", "dns")));
    assertThat(ControllerSettings.unknownKeys(json)).isEmpty();
    assertThat(ControllerSettings.fromJson(json).gateway().networkPolicy())
        .isEqualTo(new AgentEgressSettings(false, "edge", 9443, "dns"));
    assertThatThrownBy(
            () ->
                GatewayClientSettings.fromJson(
                    new JsonObject()
                        .put("enabled", true)
                        .put("url", "http://gw:8080")
                        .put("networkPolicy", new JsonObject().put("gatewayPort", 0))))
        .hasMessageContaining("gateway.networkPolicy.gatewayPort");
  }
}
