package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.claudecode.ClaudeCodeRuntime;
import io.axon.agent.testing.ClaudeCodeCli;
import io.axon.agent.testing.McpToolCallScript;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.agent.testing.ScriptedMcpServer;
import io.axon.api.v1alpha1.AgentConfigSpec;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.McpServer;
import io.axon.api.v1alpha1.McpValue;
import io.axon.api.v1alpha1.SecretKeyReference;
import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AgentConfig's http MCP server, its Authorization header from a Secret, composed into the Job
 * and written by the pod's real setup step, is called by the genuine Claude Code CLI with the
 * Secret's value (passed as the kubelet would, by the variable the Job names) as the header.
 */
class AnHttpMcpServerReachesClaudeCodeE2E {
  private static final String SECRET = "mcp-http-s3cret-4b7e";
  private static final String AUTHORIZATION = "Bearer " + SECRET;

  @TempDir Path tmp;

  @Test
  void theCliCallsTheServerWithTheSecretsHeader() throws Exception {
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(McpToolCallScript.calling("probe"))) {
      McpServer server = new McpServer();
      server.setName("probe");
      server.setType("http");
      server.setUrl(mcp.url());
      server.setHeaders(
          List.of(
              new McpValue(
                  "Authorization", null, new SecretKeyReference("mcp-secrets", "authorization"))));
      AgentConfigSpec config = new AgentConfigSpec();
      config.setMcpServers(List.of(server));
      Task task = Fixtures.task("http-mcp");
      task.getSpec().setAgentConfigRefs(List.of(new LocalObjectReference("team")));
      PodSpec pod =
          new AgentJobBuilder(AgentPodSettings.DEFAULTS)
              .build(
                  task,
                  Optional.empty(),
                  Fixtures.claudeLike(),
                  AgentConfigComposer.compose(
                      AgentRegistry.load().find("claude-code").orElseThrow(), List.of(config)))
              .getSpec()
              .getTemplate()
              .getSpec();
      Path home = Files.createDirectories(tmp.resolve("home"));
      Path workspace = Files.createDirectories(tmp.resolve("workspace"));
      PodSetupRun.runSetupStep(pod, home, workspace);
      Map<String, String> secrets =
          PodSetupRun.secretVariables(pod, "mcp-secrets", Map.of("authorization", AUTHORIZATION));
      assertThat(secrets).hasSize(1);

      AgentCommand command =
          new ClaudeCodeRuntime()
              .command(
                  new AgentInvocation(
                      "Ask the probe who.",
                      Optional.of("claude-sonnet-4-20250514"),
                      workspace.toString(),
                      Optional.of(6)));
      List<String> argv = new ArrayList<>(command.argv());
      argv.set(0, ClaudeCodeCli.executable().toString());
      ProcessBuilder claude = new ProcessBuilder(argv).directory(workspace.toFile());
      claude.environment().clear();
      claude.environment().put("PATH", "/usr/bin:/bin");
      claude.environment().put("HOME", home.toString());
      claude.environment().put("ANTHROPIC_BASE_URL", model.baseUrl());
      claude.environment().put("ANTHROPIC_API_KEY", "sk-ant-test");
      claude.environment().put("LANG", "C.UTF-8");
      // As root (the CI machines) Claude Code refuses --dangerously-skip-permissions without it.
      claude.environment().put("IS_SANDBOX", "1");
      claude.environment().putAll(command.env());
      claude.environment().putAll(secrets);
      claude.redirectErrorStream(true);
      Process run = claude.start();
      run.getOutputStream().write(command.stdin().orElseThrow().getBytes(StandardCharsets.UTF_8));
      run.getOutputStream().close();
      String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();

      assertThat(mcp.servedMethods()).as(output).contains("initialize", "tools/call");
      assertThat(mcp.requests())
          .as("every request to the MCP server carries the Secret's header")
          .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(AUTHORIZATION));
      assertThat(output).contains(McpToolCallScript.DONE).doesNotContain(SECRET);
      assertThat(Files.readString(home.resolve(".claude.json")))
          .contains("${MCP_SECRET_0}")
          .doesNotContain(SECRET);
    }
  }
}
