package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EgressRuleTest {
  final EgressRule rule =
      EgressRule.parse(
          List.of("registry.npmjs.org", "pypi.org:8443", "GET,HEAD docs.example.com/api/"));

  @Test
  void tunnelsOnlyToHostsNamedWithoutMethodOrPath() {
    assertThat(rule.decideTunnel("registry.npmjs.org", 443).allowed()).isTrue();
    assertThat(rule.decideTunnel("REGISTRY.npmjs.org", 443).allowed()).isTrue();
    assertThat(rule.decideTunnel("registry.npmjs.org", 22).allowed()).isFalse();
    assertThat(rule.decideTunnel("pypi.org", 8443).allowed()).isTrue();
    assertThat(rule.decideTunnel("pypi.org", 443).allowed()).isFalse();
    assertThat(rule.decideTunnel("docs.example.com", 443).allowed()).isFalse();
    assertThat(rule.decideTunnel("evil.example", 443).reason())
        .contains("CONNECT evil.example:443")
        .contains("allowlist");
  }

  @Test
  void plainRequestsByMethodAndPath() {
    assertThat(rule.decideRequest("GET", "docs.example.com", 80, "/api/v1").allowed()).isTrue();
    assertThat(rule.decideRequest("POST", "docs.example.com", 80, "/api/v1").allowed()).isFalse();
    assertThat(rule.decideRequest("GET", "docs.example.com", 80, "/admin").allowed()).isFalse();
    assertThat(rule.decideRequest("GET", "docs.example.com", 80, "/api/../admin").allowed())
        .isFalse();
    assertThat(rule.decideRequest("GET", "169.254.169.254", 80, "/").allowed()).isFalse();
  }

  @Test
  void nothingIsAllowedByDefault() {
    EgressRule none = EgressRule.parse(List.of());
    assertThat(none.decideTunnel("api.anthropic.com", 443).allowed()).isFalse();
    assertThat(none.decideRequest("GET", "example.com", 80, "/").allowed()).isFalse();
  }

  @Test
  void aBadEntrySaysWhatIsWrong() {
    assertThatThrownBy(() -> EgressRule.parse(List.of("pypi.org:http")))
        .hasMessageContaining("pypi.org:http");
    assertThatThrownBy(() -> EgressRule.parse(List.of("*.example.com")))
        .hasMessageContaining("expected [METHODS ]HOST[:PORT][/PATH]");
  }

  @Test
  void theGatewayRefusesABadGlobalEntryAtStartUp() {
    assertThatThrownBy(
            () ->
                GatewaySettings.fromJson(
                    new io.vertx.core.json.JsonObject()
                        .put("allowHosts", new io.vertx.core.json.JsonArray().add("pypi.org:x"))))
        .hasMessageContaining("pypi.org:x");
  }
}
