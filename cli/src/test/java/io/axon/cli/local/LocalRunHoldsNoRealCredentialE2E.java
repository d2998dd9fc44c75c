package io.axon.cli.local;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.ScriptedAnthropicServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A sandboxed local run goes through the in-process gateway: the agent's environment (dumped by a
 * scripted tool call) holds a per-run token and the gateway's address, never the real key, and the
 * model server receives the real key on every request.
 */
class LocalRunHoldsNoRealCredentialE2E {
  static final String REAL_KEY = "sk-ant-api03-local-real-key";

  @Test
  void theSandboxHoldsOnlyAPerRunToken() throws Exception {
    try (ScriptedAnthropicServer server =
            ScriptedAnthropicServer.start(message(bash("env | sort; echo dumped")), say("Done."));
        LocalRunFixture run = new LocalRunFixture()) {
      LocalRunner.Options base =
          LocalRunFixture.options(server, "Show the environment.", Optional.empty());
      LocalRunner.Options options =
          LocalRunFixture.withCredential(base, Map.of("ANTHROPIC_API_KEY", REAL_KEY));

      int status = run.run(options);

      assertThat(status).as(run.errors()).isZero();
      assertThat(server.requests()).hasSize(2);
      String env = server.requests().get(1).body().toString();
      assertThat(env).contains("dumped").contains("ANTHROPIC_API_KEY=axgw_local_run_");
      assertThat(env).doesNotContain(REAL_KEY).doesNotContain(server.baseUrl());
      for (ScriptedAnthropicServer.Request request : server.requests()) {
        assertThat(header(request, "x-api-key")).isEqualTo(List.of(REAL_KEY));
        assertThat(request.uri()).startsWith("/v1/messages");
      }
    }
  }

  private static List<String> header(ScriptedAnthropicServer.Request request, String name) {
    return request.headers().entrySet().stream()
        .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(List.of());
  }
}
