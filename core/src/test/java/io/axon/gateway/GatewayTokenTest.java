package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayTokenTest {
  @Test
  void roundTripsAndNamesItsTask() {
    GatewayToken token = GatewayToken.mint("team-a", "fix.42-x");
    GatewayToken parsed = GatewayToken.parse(token.value()).orElseThrow();
    assertThat(parsed).isEqualTo(token);
    assertThat(parsed.namespace()).isEqualTo("team-a");
    assertThat(parsed.task()).isEqualTo("fix.42-x");
    assertThat(parsed.matches(token.value() + "\n")).isTrue();
    assertThat(parsed.matches(GatewayToken.mint("team-a", "fix.42-x").value())).isFalse();
    assertThat(token.toString()).doesNotContain(token.secret());
  }

  @Test
  void realKeysAndGarbageAreNotTokens() {
    assertThat(GatewayToken.parse("sk-ant-api03-abc")).isEmpty();
    assertThat(GatewayToken.parse("axgw_team-a_task_short")).isEmpty();
    assertThat(GatewayToken.parse(null)).isEmpty();
  }
}
