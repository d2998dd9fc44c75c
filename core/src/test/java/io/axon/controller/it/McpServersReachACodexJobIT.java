package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An AgentConfig's MCP servers, accepted by the real API server, reach a codex Task's Job as the
 * agent container's {@code AXON_MCP_SERVERS} (for the codex plugin to write into Codex's own
 * configuration), with each Secret only as a {@code secretKeyRef} variable the JSON names.
 */
class McpServersReachACodexJobIT {
  static final String NS = "mcp-codex";
  static final Duration TIMEOUT = Duration.ofSeconds(120);
  static ControlPlane plane;
  static KubernetesClient client;
  static ControllerInstance controller;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start();
    client = plane.client();
    plane.createNamespace(NS);
    // The installed plugins: the codex one from its jar, as the controller image has it.
    controller = new ControllerInstance(plane, AgentRegistry.load());
  }

  @AfterAll
  static void stop() {
    if (controller != null) {
      controller.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void theJobCarriesTheServersWithSecretsByReference() throws Exception {
    client
        .resource(
            ItFixtures.yaml(
                """
                apiVersion: axon.io/v1alpha1
                kind: AgentConfig
                metadata: {name: tools, namespace: %s}
                spec:
                  mcpServers:
                  - name: docs
                    type: http
                    url: https://mcp.example.com/mcp
                    headers:
                    - {name: Authorization, secretKeyRef: {name: mcp, key: authorization}}
                  - name: fs
                    type: stdio
                    command: node
                    args: [server.mjs]
                    env:
                    - {name: MODE, value: read-only}
                """
                    .formatted(NS)))
        .create();
    client
        .resource(
            ItFixtures.yaml(
                """
                apiVersion: axon.io/v1alpha1
                kind: Task
                metadata: {name: with-tools, namespace: %s}
                spec:
                  type: codex
                  prompt: hi
                  credentials: {type: api-key, secretRef: {name: openai}}
                  agentConfigRefs: [{name: tools}]
                """
                    .formatted(NS)))
        .create();

    Job job;
    try {
      job =
          Eventually.await(
              TIMEOUT,
              "the Job of Task with-tools",
              () -> client.batch().v1().jobs().inNamespace(NS).withName("with-tools").get(),
              Objects::nonNull);
    } catch (AssertionError e) {
      Task task = client.resources(Task.class).inNamespace(NS).withName("with-tools").get();
      throw new AssertionError(
          e.getMessage() + "; the Task: " + client.getKubernetesSerialization().asYaml(task), e);
    }

    Container agent = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, EnvVar> env =
        agent.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e, (a, b) -> b));
    assertThat(env.get("MCP_SECRET_0").getValueFrom().getSecretKeyRef().getName()).isEqualTo("mcp");
    assertThat(env.get("MCP_SECRET_0").getValueFrom().getSecretKeyRef().getKey())
        .isEqualTo("authorization");
    JsonArray servers = new JsonArray(env.get("AXON_MCP_SERVERS").getValue());
    assertThat(servers).hasSize(2);
    assertThat(servers.getJsonObject(0).getString("name")).isEqualTo("docs");
    assertThat(servers.getJsonObject(0).getString("transport")).isEqualTo("HTTP");
    assertThat(
            servers
                .getJsonObject(0)
                .getJsonObject("headers")
                .getJsonObject("Authorization")
                .getString("variable"))
        .isEqualTo("MCP_SECRET_0");
    assertThat(servers.getJsonObject(1).getString("command")).isEqualTo("node");
    assertThat(
            servers
                .getJsonObject(1)
                .getJsonObject("env")
                .getJsonObject("MODE")
                .getString("literal"))
        .isEqualTo("read-only");
    // Nothing of the MCP configuration is a file of the setup step for codex: its plugin writes it.
    assertThat(job.getSpec().getTemplate().getSpec().getInitContainers())
        .flatExtracting(Container::getEnv)
        .extracting(EnvVar::getValue)
        .noneMatch(v -> v != null && v.contains("mcp.example.com"));
  }
}
