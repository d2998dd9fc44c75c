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
 * An AgentConfig's literal MCP header full of {@code $} that reads like the pod's variables ({@code
 * $(HOME)}, {@code $(ANTHROPIC_API_KEY)}, {@code $ANTHROPIC_API_KEY}, {@code $$}), composed into
 * the Job and written by the pod's real setup step, reaches the server from the genuine Claude Code
 * CLI exactly as written, with neither the pod's API key nor the other header's Secret in its
 * place.
 */
class AnMcpHeaderLiteralReachesClaudeCodeAsWrittenE2E {
  private static final String SECRET = "mcp-http-s3cret-4b7e";
  private static final String AUTHORIZATION = "Bearer " + SECRET;
  private static final String API_KEY = "sk-ant-pod-key-9d3f";
  private static final String LITERAL =
      "abc$(HOME)-$(ANTHROPIC_API_KEY)-$(MCP_SECRET_0)-$ANTHROPIC_API_KEY-$$-$";

  @TempDir Path tmp;

  @Test
  void theServerGetsTheLiteralAsWrittenAndNoKey() throws Exception {
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
                  "Authorization", null, new SecretKeyReference("mcp-secrets", "authorization")),
              new McpValue("X-Probe", LITERAL, null)));
      AgentConfigSpec config = new AgentConfigSpec();
      config.setMcpServers(List.of(server));
      Task task = Fixtures.task("literal-mcp");
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
      Map<String, String> variables =
          PodSetupRun.secretVariables(pod, "mcp-secrets", Map.of("authorization", AUTHORIZATION));
      assertThat(variables).hasSize(1);

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
      claude.environment().put("ANTHROPIC_API_KEY", API_KEY);
      claude.environment().put("LANG", "C.UTF-8");
      // As root (the CI machines) Claude Code refuses --dangerously-skip-permissions without it.
      claude.environment().put("IS_SANDBOX", "1");
      claude.environment().putAll(command.env());
      claude.environment().putAll(variables);
      claude.redirectErrorStream(true);
      Process run = claude.start();
      run.getOutputStream().write(command.stdin().orElseThrow().getBytes(StandardCharsets.UTF_8));
      run.getOutputStream().close();
      String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();

      assertThat(mcp.servedMethods()).as(output).contains("initialize", "tools/call");
      assertThat(mcp.requests())
          .as("every request to the MCP server carries the literal as written")
          .allSatisfy(r -> assertThat(r.header("X-Probe")).isEqualTo(LITERAL));
      assertThat(mcp.requests())
          .as("no header of any request holds the pod's API key")
          .allSatisfy(
              r ->
                  assertThat(r.headers().values().stream().flatMap(List::stream))
                      .noneMatch(v -> v.contains(API_KEY)));
      assertThat(output).contains(McpToolCallScript.DONE).doesNotContain(SECRET);
      assertThat(Files.readString(home.resolve(".claude.json"))).doesNotContain(SECRET);
    }
  }
}
