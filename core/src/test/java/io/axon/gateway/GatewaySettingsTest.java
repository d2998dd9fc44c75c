package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
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

  @Test
  void theGrantCacheTtlDefaultsTo30sAndTakesAGoDuration() {
    assertThat(GatewaySettings.fromJson(new JsonObject()).grantCacheTtl())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(ttl("100ms")).isEqualTo(Duration.ofMillis(100));
    assertThat(ttl(" 1m30s ")).isEqualTo(Duration.ofSeconds(90));
    assertThat(ttl("5m")).as("the most it takes").isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aGrantCacheTtlThatIsNoDurationIsRefusedNamingTheKeyAndAnExample() {
    assertThatThrownBy(() -> ttl("soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "grantCacheTTL: 'soon' is not a duration: write one such as 30s, 5m, 1h30m or 500ms"
                + " (units h, m, s, ms)");
    assertThatThrownBy(() -> ttl(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("grantCacheTTL: empty duration: write one such as 30s, 5m or 1h30m");
    assertThatThrownBy(() -> GatewaySettings.fromJson(new JsonObject().put("grantCacheTTL", 30)))
        .as("a bare number, as YAML reads 30")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "grantCacheTTL: a duration with its unit is expected, for example grantCacheTTL: 30s");
  }

  @Test
  void aGrantCacheTtlOfNothingOrOverFiveMinutesIsRefusedSayingTheRange() {
    for (String bad : new String[] {"0s", "0ms", "5m1s", "1h"}) {
      assertThatThrownBy(() -> ttl(bad))
          .as("grantCacheTTL: %s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "grantCacheTTL: %s is out of range: more than 0 and at most 5m (default 30s)"
                  .formatted(bad));
    }
  }

  private static Duration ttl(String text) {
    return GatewaySettings.fromJson(new JsonObject().put("grantCacheTTL", text)).grantCacheTtl();
  }
}
