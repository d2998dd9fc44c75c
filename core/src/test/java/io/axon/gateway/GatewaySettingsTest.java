package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {

  @Test
  void namespacesDefaultToEveryNamespaceAndAreKeptWithoutRepeats() {
    assertThat(GatewaySettings.fromJson(new JsonObject()).namespaces()).isEmpty();
    assertThat(
            GatewaySettings.fromJson(
                    new JsonObject()
                        .put(
                            "namespaces",
                            new JsonArray().add("team-a").add(" team-b").add("team-a")))
                .namespaces())
        .containsExactly("team-a", "team-b");
  }

  @Test
  void aNamespaceThatCannotBeOneIsRefusedAtStartUpNamingIt() {
    assertThatThrownBy(
            () ->
                GatewaySettings.fromJson(
                    new JsonObject().put("namespaces", new JsonArray().add("Team_A"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("namespaces: \"Team_A\" is not a namespace name")
        .hasMessageContaining("namespaces: [team-a, team-b]");
  }

  @Test
  void aListThatIsNotOneOfNamesIsRefusedNamingTheKey() {
    for (Object bad : new Object[] {"team-a", new JsonArray().addNull(), new JsonArray().add(3)}) {
      assertThatThrownBy(() -> GatewaySettings.fromJson(new JsonObject().put("namespaces", bad)))
          .as("namespaces: %s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "namespaces: a list of names is expected, for example namespaces: [team-a, team-b]");
    }
    assertThatThrownBy(() -> GatewaySettings.fromJson(new JsonObject().put("allowHosts", "x.org")))
        .hasMessageStartingWith("allowHosts: a list of names is expected");
  }
}
