package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A Job's pod played on this machine as far as the agent's configuration goes: its real setup step
 * run with HOME and the workspace moved under a test's directory, and its agent container's MCP
 * Secret variables resolved as the kubelet would (and its plain values expanded as the kubelet
 * does).
 */
final class PodSetupRun {

  private PodSetupRun() {}

  /** Runs the pod's setup step (its first init container), which must succeed. */
  static void runSetupStep(PodSpec pod, Path home, Path workspace) throws Exception {
    Container setupStep = pod.getInitContainers().get(0);
    ProcessBuilder setup = new ProcessBuilder(setupStep.getCommand());
    setup.environment().clear();
    setup.environment().put("PATH", "/usr/bin:/bin");
    Map<String, String> set = new HashMap<>();
    for (EnvVar var : setupStep.getEnv()) {
      String value = KubeletExpansion.expand(var.getValue(), set);
      set.put(var.getName(), value);
      setup
          .environment()
          .put(var.getName(), value.replace(AgentJobBuilder.HOME_DIR, home.toString()));
    }
    setup.environment().put("AXON_WORKSPACE_DIR", workspace.toString());
    Process run = setup.redirectErrorStream(true).start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor()).as(output).isZero();
  }

  /**
   * The agent container's MCP variables for a plugin that configures its CLI itself: {@code
   * AXON_MCP_SERVERS} as the kubelet sets it (its expansion played) and the Secret variables as
   * {@link #secretVariables} gives them.
   */
  static Map<String, String> pluginMcpVariables(
      PodSpec pod, String secret, Map<String, String> values) {
    Map<String, String> variables = new HashMap<>(secretVariables(pod, secret, values));
    for (EnvVar var : pod.getContainers().get(0).getEnv()) {
      if (var.getName().equals(AgentConfigComposer.MCP_SERVERS_VARIABLE)) {
        variables.put(
            var.getName(), KubeletExpansion.expand(var.getValue(), Map.copyOf(variables)));
      }
    }
    assertThat(variables).containsKey(AgentConfigComposer.MCP_SERVERS_VARIABLE);
    return variables;
  }

  /**
   * The agent container's MCP Secret variables, each from a key of {@code secret} (checked), with
   * that key's value from {@code values}.
   */
  static Map<String, String> secretVariables(
      PodSpec pod, String secret, Map<String, String> values) {
    Map<String, String> variables = new HashMap<>();
    for (EnvVar var : pod.getContainers().get(0).getEnv()) {
      if (var.getName().startsWith(AgentConfigComposer.SECRET_VARIABLE_PREFIX)) {
        var ref = var.getValueFrom().getSecretKeyRef();
        assertThat(ref.getName()).isEqualTo(secret);
        assertThat(values).containsKey(ref.getKey());
        variables.put(var.getName(), values.get(ref.getKey()));
      }
    }
    return variables;
  }
}
