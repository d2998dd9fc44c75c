package io.axon.controller.job;

import static io.axon.agent.gemini.testing.ScriptedGeminiServer.call;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.respond;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.say;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.gemini.GeminiRuntime;
import io.axon.agent.gemini.testing.GeminiCli;
import io.axon.agent.gemini.testing.ScriptedGeminiServer;
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
 * it) and given to the real gemini entrypoint, is called by the genuine Gemini CLI with both
 * headers as written.
 */
class AnHttpMcpServerReachesGeminiE2E {
  private static final String SECRET = "mcp-http-s3cret-4b7e";
  private static final String AUTHORIZATION = "Bearer " + SECRET;
  private static final String API_KEY = "pod-api-key-7c2e";
  private static final String LITERAL =
      "abc${GEMINI_API_KEY}-$GEMINI_API_KEY-$(MCP_SECRET_0)-$(HOME)-$$-\\$X-{env:GEMINI_API_KEY}";

  @TempDir Path tmp;

  @Test
  void theCliCallsTheServerWithTheSecretsHeaderAndTheLiteralAsWritten() throws Exception {
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        // A first turn that takes a moment, so a server still connecting is listed by the second.
        ScriptedGeminiServer model =
            ScriptedGeminiServer.start(
                respond(shell("sleep 2")),
                respond(call("mcp_probe_" + ScriptedMcpServer.TOOL, "{}")),
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
      Task task = Fixtures.task("gemini-mcp");
      task.getSpec().setType("gemini");
      task.getSpec().setAgentConfigRefs(List.of(new LocalObjectReference("team")));
      PodSpec pod =
          new AgentJobBuilder(AgentPodSettings.DEFAULTS)
              .build(
                  task,
                  Optional.empty(),
                  new GeminiRuntime(),
                  AgentConfigComposer.compose(
                      AgentRegistry.load().find("gemini").orElseThrow(), List.of(config)))
              .getSpec()
              .getTemplate()
              .getSpec();

      Map<String, String> env =
          EntrypointJarRun.podEnv(
              tmp, "gemini", repo.dir(), "gemini-2.5-pro", "Ask the probe who.");
      env.put("PATH", GeminiCli.executable().getParent() + ":/usr/local/bin:/usr/bin:/bin");
      env.put("GOOGLE_GEMINI_BASE_URL", model.baseUrl());
      env.put("GEMINI_API_KEY", API_KEY);
      env.putAll(
          PodSetupRun.pluginMcpVariables(
              pod, "mcp-secrets", Map.of("authorization", AUTHORIZATION)));
      EntrypointJarRun.Outcome run = EntrypointJarRun.run("agent-gemini", env);

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
      assertThat(Files.readString(tmp.resolve("home/.gemini/settings.json")))
          .doesNotContain(SECRET);
    }
  }
}
