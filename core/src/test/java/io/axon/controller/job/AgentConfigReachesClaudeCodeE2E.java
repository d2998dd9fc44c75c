package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.api.v1alpha1.AgentConfigFile;
import io.axon.api.v1alpha1.AgentConfigSpec;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.McpServer;
import io.axon.api.v1alpha1.McpValue;
import io.axon.api.v1alpha1.SecretKeyReference;
import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two AgentConfigs, composed and written by the pod's real setup step into a HOME, reach the
 * genuine Claude Code CLI (against a scripted model server on 127.0.0.1): both instructions are in
 * what the model is sent, in order, and the stdio MCP server the configs name is started with its
 * Secret's value (passed as the kubelet would, by the variable the Job names) and offers its tool.
 */
class AgentConfigReachesClaudeCodeE2E {
  @TempDir Path tmp;

  @Test
  void instructionsAndAnMcpServerWithASecretReachTheAgent() throws Exception {
    Path probe = tmp.resolve("McpProbe.java");
    try (InputStream in = getClass().getResourceAsStream("/mcp/McpProbe.java.txt")) {
      Files.write(probe, in.readAllBytes());
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    AgentConfigSpec team = new AgentConfigSpec();
    team.setInstructions("TEAM-RULE: run the tests before every commit.");
    McpServer server = new McpServer();
    server.setName("probe");
    server.setType("stdio");
    server.setCommand(java);
    Path received = tmp.resolve("token-received");
    server.setArgs(List.of(probe.toString(), received.toString()));
    server.setEnv(
        List.of(new McpValue("TOKEN", null, new SecretKeyReference("mcp-secrets", "token"))));
    team.setMcpServers(List.of(server));
    AgentConfigSpec mine = new AgentConfigSpec();
    mine.setInstructions("MY-RULE: answer briefly.");
    mine.setFiles(List.of(new AgentConfigFile(".claude/commands/hello.md", "Say hello.\n")));

    Task task = Fixtures.task("configured");
    task.getSpec()
        .setAgentConfigRefs(
            List.of(new LocalObjectReference("team"), new LocalObjectReference("mine")));
    AgentSetup setup =
        AgentConfigComposer.compose(
            AgentRegistry.load().find("claude-code").orElseThrow(), List.of(team, mine));
    PodSpec pod =
        new AgentJobBuilder(AgentPodSettings.DEFAULTS)
            .build(task, Optional.empty(), Fixtures.claudeLike(), setup)
            .getSpec()
            .getTemplate()
            .getSpec();

    // The setup step, as the pod runs it, with HOME and the workspace moved under tmp.
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path workspace = Files.createDirectories(tmp.resolve("workspace"));
    PodSetupRun.runSetupStep(pod, home, workspace);
    assertThat(home.resolve(".claude/commands/hello.md")).hasContent("Say hello.\n");
    assertThat(Files.readString(home.resolve(".claude.json"))).doesNotContain("s3cret-value");

    // The agent container's variables from Secrets, as the kubelet resolves them.
    Map<String, String> secrets =
        PodSetupRun.secretVariables(pod, "mcp-secrets", Map.of("token", "s3cret-value"));
    assertThat(secrets).hasSize(1);

    // MCP servers connect while the agent works: the first turn waits a little, by a tool call.
    try (ScriptedAnthropicServer model =
        ScriptedAnthropicServer.start(
            ModelReply.message(ModelReply.bash("sleep 10")), ModelReply.say("Understood."))) {
      String output =
          ClaudeCodeCliRun.run(
              "What are your rules?", 3, home, workspace, model.baseUrl(), "sk-ant-test", secrets);
      assertThat(model.requests()).as(output).isNotEmpty();

      List<String> sent =
          model.requests().stream()
              .filter(r -> r.uri().contains("/v1/messages"))
              .map(r -> r.body().toString())
              .filter(b -> b.contains("What are your rules?"))
              .toList();
      assertThat(sent).as(output).isNotEmpty();
      String first = sent.get(0);
      assertThat(first).contains("TEAM-RULE: run the tests before every commit.");
      assertThat(first.indexOf("TEAM-RULE")).isLessThan(first.indexOf("MY-RULE"));
      String last = sent.get(sent.size() - 1);
      assertThat(last).as(output).contains("mcp__probe__whoami");
      assertThat(received).hasContent("s3cret-value");
    }
  }
}
