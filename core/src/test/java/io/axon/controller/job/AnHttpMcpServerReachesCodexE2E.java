package io.axon.controller.job;

import static io.axon.agent.codex.testing.ScriptedOpenAiServer.call;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.exec;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.respond;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.say;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.codex.CodexRuntime;
import io.axon.agent.codex.testing.CodexCli;
import io.axon.agent.codex.testing.ScriptedOpenAiServer;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ScriptedMcpServer;
import io.axon.api.v1alpha1.AgentConfigSpec;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.McpServer;
import io.axon.api.v1alpha1.McpValue;
import io.axon.api.v1alpha1.SecretKeyReference;
import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AgentConfig's http MCP server, its Authorization header from a Secret and a literal header
 * that reads like variables, composed into the Job's {@code AXON_MCP_SERVERS} (as the kubelet sets
 * it) and given to the real codex entrypoint, is called by the genuine Codex CLI with both headers
 * as written.
 */
class AnHttpMcpServerReachesCodexE2E {
  private static final String SECRET = "mcp-http-s3cret-4b7e";
  private static final String AUTHORIZATION = "Bearer " + SECRET;
  private static final String API_KEY = "pod-api-key-7c2e";
  private static final String LITERAL =
      "abc${OPENAI_API_KEY}-$(MCP_SECRET_0)-$(HOME)-$$-{env:OPENAI_API_KEY}-\"q\\";

  @TempDir Path tmp;

  @Test
  void theCliCallsTheServerWithTheSecretsHeaderAndTheLiteralAsWritten() throws Exception {
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        // A first turn that takes a moment, so a server still connecting is listed by the second.
        ScriptedOpenAiServer model =
            ScriptedOpenAiServer.start(
                respond(exec("sleep 2")),
                respond(call("mcp__probe", ScriptedMcpServer.TOOL, "{}")),
                say("The probe answered."))) {
      McpServer server = new McpServer();
      server.setName("probe");
      server.setType("http");
      server.setUrl(mcp.url());
      server.setHeaders(
          List.of(
              new McpValue(
                  "Authorization", null, new SecretKeyReference("mcp-secrets", "authorization")),
              new McpValue("X-Probe", LITERAL, null)));
      AgentConfigSpec config = new AgentConfigSpec();
      config.setMcpServers(List.of(server));
      Task task = Fixtures.task("codex-mcp");
      task.getSpec().setType("codex");
      task.getSpec().setAgentConfigRefs(List.of(new LocalObjectReference("team")));
      PodSpec pod =
          new AgentJobBuilder(AgentPodSettings.DEFAULTS)
              .build(
                  task,
                  Optional.empty(),
                  new CodexRuntime(),
                  AgentConfigComposer.compose(
                      AgentRegistry.load().find("codex").orElseThrow(), List.of(config)))
              .getSpec()
              .getTemplate()
              .getSpec();

      // A model Codex has no catalogue entry for: for catalogued ones it defers MCP tools.
      Map<String, String> env =
          EntrypointJarRun.podEnv(
              tmp, "codex", repo.dir(), "axon-test-model", "Ask the probe who.");
      env.put("PATH", CodexCli.executable().getParent() + ":/usr/local/bin:/usr/bin:/bin");
      env.put("OPENAI_BASE_URL", model.baseUrl());
      env.put("OPENAI_API_KEY", API_KEY);
      env.putAll(
          PodSetupRun.pluginMcpVariables(
              pod, "mcp-secrets", Map.of("authorization", AUTHORIZATION)));
      EntrypointJarRun.Outcome run = EntrypointJarRun.run("agent-codex", env);

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(mcp.servedMethods()).as(run.stderr()).contains("initialize", "tools/call");
      assertThat(mcp.requests())
          .as("every request to the MCP server carries the Secret's header and the literal")
          .allSatisfy(
              r -> {
                assertThat(r.header("Authorization")).isEqualTo(AUTHORIZATION);
                assertThat(r.header("X-Probe")).isEqualTo(LITERAL);
              });
      assertThat(mcp.requests())
          .as("no header of any request holds the pod's API key")
          .allSatisfy(
              r ->
                  assertThat(r.headers().values().stream().flatMap(List::stream))
                      .noneMatch(v -> v.contains(API_KEY)));
      assertThat(run.stdout()).doesNotContain(SECRET);
      assertThat(run.stderr()).doesNotContain(SECRET);
      assertThat(Files.readString(tmp.resolve("home/.codex/config.toml"))).doesNotContain(SECRET);
    }
  }
}
