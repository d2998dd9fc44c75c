package io.axon.controller.job;

import static io.axon.agent.testing.ProbeMcpHeaders.AUTHORIZATION;

import io.axon.agent.testing.GitRepo;
import io.axon.api.v1alpha1.AgentConfigSpec;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.McpServer;
import io.axon.api.v1alpha1.McpValue;
import io.axon.api.v1alpha1.SecretKeyReference;
import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.AgentRuntime;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod of a Task whose AgentConfig {@code team} gives it the http MCP server {@code probe}, as
 * the real Job builder makes it, and its agent run through the plugin's entrypoint jar as the pod
 * runs it: the set-up the MCP header E2Es share.
 */
final class ProbeMcpServerJob {
  /** The Secret the Authorization header's value comes from, and its key. */
  private static final String SECRET_NAME = "mcp-secrets";

  private static final String SECRET_KEY = "authorization";

  private ProbeMcpServerJob() {}

  /** The Authorization header, from the Secret. */
  static McpValue authorizationFromSecret() {
    return new McpValue("Authorization", null, new SecretKeyReference(SECRET_NAME, SECRET_KEY));
  }

  /** The header {@code X-Probe}, given as a literal. */
  static McpValue literalHeader(String value) {
    return new McpValue("X-Probe", value, null);
  }

  /**
   * The pod spec of a Task {@code name} of {@code type}, built with {@code runtime}, its MCP server
   * at {@code url} with {@code headers}, composed for the registry's plugin of that type.
   */
  static PodSpec podSpec(
      String name, String type, AgentRuntime runtime, String url, McpValue... headers)
      throws AgentConfigComposer.UnsupportedConfigException {
    McpServer server = new McpServer();
    server.setName("probe");
    server.setType("http");
    server.setUrl(url);
    server.setHeaders(List.of(headers));
    AgentConfigSpec config = new AgentConfigSpec();
    config.setMcpServers(List.of(server));
    Task task = Fixtures.task(name);
    task.getSpec().setType(type);
    task.getSpec().setAgentConfigRefs(List.of(new LocalObjectReference("team")));
    return new AgentJobBuilder(AgentPodSettings.DEFAULTS)
        .build(
            task,
            Optional.empty(),
            runtime,
            AgentConfigComposer.compose(
                AgentRegistry.load().find(type).orElseThrow(), List.of(config)))
        .getSpec()
        .getTemplate()
        .getSpec();
  }

  /** The agent container's Secret variables, as the kubelet resolves them from the Secret. */
  static Map<String, String> secretVariables(PodSpec pod) {
    return PodSetupRun.secretVariables(pod, SECRET_NAME, Map.of(SECRET_KEY, AUTHORIZATION));
  }

  /**
   * Runs the {@code type} plugin's entrypoint jar on a fresh repository under {@code tmp}, as the
   * pod would: its CLI at {@code cli} first on the PATH, the pod's MCP variables, and {@code
   * modelEnv} (the CLI's model server and key).
   */
  static EntrypointJarRun.Outcome runEntrypoint(
      Path tmp, PodSpec pod, String type, String model, Path cli, Map<String, String> modelEnv)
      throws Exception {
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    Map<String, String> env =
        EntrypointJarRun.podEnv(tmp, type, repo.dir(), model, "Ask the probe who.");
    env.put("PATH", cli.getParent() + ":/usr/local/bin:/usr/bin:/bin");
    env.putAll(modelEnv);
    env.putAll(PodSetupRun.pluginMcpVariables(pod, SECRET_NAME, Map.of(SECRET_KEY, AUTHORIZATION)));
    return EntrypointJarRun.run("agent-" + type, env);
  }
}
