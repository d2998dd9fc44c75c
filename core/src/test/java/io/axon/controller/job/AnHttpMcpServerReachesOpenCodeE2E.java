package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.axon.agent.opencode.OpenCodeRuntime;
import io.axon.agent.opencode.testing.OpenCodeCli;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
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
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AgentConfig's http MCP server, its Authorization header from a Secret and a literal header
 * that reads like variables, composed into the Job's {@code AXON_MCP_SERVERS} (as the kubelet sets
 * it) and given to the real opencode entrypoint, is called by the genuine OpenCode CLI with both
 * headers as written.
 */
class AnHttpMcpServerReachesOpenCodeE2E {
  private static final String SECRET = "mcp-http-s3cret-4b7e";
  private static final String AUTHORIZATION = "Bearer " + SECRET;
  private static final String API_KEY = "pod-api-key-7c2e";
  private static final String LITERAL =
      "abc{env:ANTHROPIC_API_KEY}-{file:/etc/hostname}-$(MCP_SECRET_0)-$(HOME)-$$-${ANTHROPIC_API_KEY}-\"q\\";

  @TempDir Path tmp;

  @Test
  void theCliCallsTheServerWithTheSecretsHeaderAndTheLiteralAsWritten() throws Exception {
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    // Calls the tool by the name the CLI offered it under; says so when it was not offered.
    ScriptedAnthropicServer.Script script =
        (turn, request) -> {
          if (turn > 0) {
            return ModelReply.say("The probe answered.");
          }
          return whoamiTool(request)
              .<ModelReply>map(
                  name -> ModelReply.message(new ModelReply.ToolUseBlock(name, Map.of())))
              .orElse(ModelReply.say("No whoami tool was offered."));
        };
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        ScriptedAnthropicServer model = ScriptedAnthropicServer.start(script)) {
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
      Task task = Fixtures.task("opencode-mcp");
      task.getSpec().setType("opencode");
      task.getSpec().setAgentConfigRefs(List.of(new LocalObjectReference("team")));
      PodSpec pod =
          new AgentJobBuilder(AgentPodSettings.DEFAULTS)
              .build(
                  task,
                  Optional.empty(),
                  new OpenCodeRuntime(),
                  AgentConfigComposer.compose(
                      AgentRegistry.load().find("opencode").orElseThrow(), List.of(config)))
              .getSpec()
              .getTemplate()
              .getSpec();

      Map<String, String> env =
          EntrypointJarRun.podEnv(
              tmp, "opencode", repo.dir(), "claude-sonnet-4-5", "Ask the probe who.");
      env.put("PATH", OpenCodeCli.executable().getParent() + ":/usr/local/bin:/usr/bin:/bin");
      env.put("ANTHROPIC_BASE_URL", model.baseUrl());
      env.put("ANTHROPIC_API_KEY", API_KEY);
      env.putAll(
          PodSetupRun.pluginMcpVariables(
              pod, "mcp-secrets", Map.of("authorization", AUTHORIZATION)));
      EntrypointJarRun.Outcome run = EntrypointJarRun.run("agent-opencode", env);

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
      assertThat(Files.readString(tmp.resolve("home/.config/opencode/opencode.json")))
          .doesNotContain(SECRET);
    }
  }

  private static Optional<String> whoamiTool(JsonNode request) {
    return StreamSupport.stream(request.path("tools").spliterator(), false)
        .map(tool -> tool.path("name").asText())
        .filter(name -> name.endsWith(ScriptedMcpServer.TOOL))
        .findFirst();
  }
}
