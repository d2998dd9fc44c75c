package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway as the agent's forward proxy (real {@code curl}): a host on the Task's allowlist is
 * reached by a tunnel or a plain request; any other host, and a request without the token, is
 * refused before anything is connected.
 */
class EgressThroughGatewayTest {
  static Vertx vertx;
  static RecordingUpstream allowed;
  static RecordingUpstream other;
  static GatewayServer gateway;
  static RecordingAudit audit = new RecordingAudit();
  static String token = GatewayToken.mint("team-a", "egress").value();
  static String proxy;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    allowed = new RecordingUpstream(vertx, (in, seen) -> in.response().end("ALLOWED-BODY"));
    other = new RecordingUpstream(vertx, (in, seen) -> in.response().end("OTHER-BODY"));
    int allowedPort = Integer.parseInt(allowed.baseUrl().replaceAll(".*:", ""));
    TaskGrant grant =
        new TaskGrant(
            "team-a",
            "egress",
            false,
            "unused",
            Optional.empty(),
            Optional.empty(),
            GitPushRule.forTask("egress"),
            EgressRule.parse(List.of("127.0.0.1:" + allowedPort)),
            Set.of());
    gateway =
        new GatewayServer(
            vertx,
            GatewaySettings.fromJson(new JsonObject().put("host", "127.0.0.1").put("port", 0)),
            new StaticGrants().put(token, grant),
            audit);
    proxy = "127.0.0.1:" + gateway.start().await();
  }

  @AfterAll
  static void tearDown() {
    gateway.close().await();
    allowed.close();
    other.close();
    vertx.close().await();
  }

  @Test
  void anAllowedHostIsReachedByTunnelAndByPlainRequest() throws Exception {
    String tunnel =
        curl(
            "--proxytunnel",
            "--proxy",
            "http://axon:" + token + "@" + proxy,
            allowed.baseUrl() + "/t");
    assertThat(tunnel).contains("ALLOWED-BODY");
    String plain = curl("--proxy", "http://axon:" + token + "@" + proxy, allowed.baseUrl() + "/p");
    assertThat(plain).contains("ALLOWED-BODY");
    assertThat(allowed.seen())
        .anyMatch(s -> s.path().equals("/p") && !s.headers().contains("Proxy-Authorization"));
  }

  @Test
  void anyOtherHostOrNoTokenIsRefused() throws Exception {
    String tunnel =
        curl(
            "--proxytunnel",
            "--proxy",
            "http://axon:" + token + "@" + proxy,
            other.baseUrl() + "/");
    assertThat(tunnel).contains("403").doesNotContain("OTHER-BODY");
    String plain = curl("--proxy", "http://axon:" + token + "@" + proxy, other.baseUrl() + "/");
    assertThat(plain).contains("is not on this Task's allowlist").doesNotContain("OTHER-BODY");
    String anonymous = curl("--proxy", "http://" + proxy, allowed.baseUrl() + "/");
    assertThat(anonymous).contains("needs the Task's token").doesNotContain("ALLOWED-BODY");
    assertThat(other.seen()).isEmpty();
    assertThat(audit.refusals()).anyMatch(r -> r.startsWith("EGRESS CONNECT 127.0.0.1:"));
  }

  private static String curl(String... args) throws Exception {
    List<String> argv =
        new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "--noproxy", ""));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
    Process process = pb.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }
}
