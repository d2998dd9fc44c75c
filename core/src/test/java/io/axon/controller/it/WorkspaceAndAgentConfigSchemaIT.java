package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API server refuses Workspace files, remotes and setup commands, and AgentConfig MCP servers
 * and files, that cannot be right, with the schema's message saying why.
 */
class WorkspaceAndAgentConfigSchemaIT {
  static final String NS = "setup-schema";
  static ControlPlane plane;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start();
    client = plane.client();
    plane.createNamespace(NS);
  }

  @AfterAll
  static void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aFilePathOutsideTheRepositoryIsRefused() {
    assertRefused(
        workspace("absolute", "files: [{path: /etc/passwd, content: x}]"),
        "files[].path must be relative to the repository: no leading /");
    assertRefused(
        workspace("dot-dot", "files: [{path: a/../../x, content: x}]"),
        "files[].path must stay inside the repository: no .. segment");
    assertRefused(
        workspace("git-dir", "files: [{path: .git/hooks/pre-commit, content: x}]"),
        "files[].path must not be in git's own .git directory");
    assertRefused(
        workspace("newline", "files: [{path: \"a\\nb\", content: x}]"),
        "files[].path must not contain control characters");
    client.resource(workspace("fine", "files: [{path: config/..ci.yaml, content: x}]")).create();
  }

  @Test
  void remotesAndSetupCommandsAreChecked() {
    assertRefused(
        workspace("origin", "remotes: [{name: origin, url: https://github.com/a/b.git}]"),
        "remotes[].name origin is the Workspace's spec.repo");
    assertRefused(
        workspace("creds", "remotes: [{name: up, url: https://tok@github.com/a/b.git}]"),
        "remotes[].url must not hold credentials");
    assertRefused(
        workspace(
            "twice",
            "remotes: [{name: up, url: https://github.com/a/b.git},"
                + " {name: up, url: https://github.com/c/d.git}]"),
        "spec.remotes: two remotes have the same name");
    assertRefused(
        workspace("blank", "setupCommand: \"  \""), "spec.setupCommand is only white space");
  }

  @Test
  void mcpServersMustBeCompleteAndSecretsOnlyByReference() {
    assertRefused(
        agentConfig("stdio-url", "mcpServers: [{name: a, type: stdio, url: https://x/}]"),
        "an mcpServers entry of type stdio needs command");
    assertRefused(
        agentConfig("http-command", "mcpServers: [{name: a, type: http, command: npx}]"),
        "an mcpServers entry of type http needs url");
    assertRefused(
        agentConfig("bad-type", "mcpServers: [{name: a, type: sse, url: https://x/}]"),
        "spec.mcpServers[0].type in body should match");
    assertRefused(
        agentConfig(
            "both",
            "mcpServers: [{name: a, type: http, url: https://x/, headers: [{name: Authorization,"
                + " value: v, secretKeyRef: {name: s, key: k}}]}]"),
        "give value or secretKeyRef (a Secret's key, for anything secret), not both");
    assertRefused(
        agentConfig(
            "dupe",
            "mcpServers: [{name: a, type: http, url: https://x/},"
                + " {name: a, type: http, url: https://y/}]"),
        "spec.mcpServers: two servers have the same name");
    assertRefused(
        agentConfig("home-escape", "files: [{path: ../.ssh/config, content: x}]"),
        "files[].path must stay inside the agent's HOME: no .. segment");
  }

  static GenericKubernetesResource workspace(String name, String extra) {
    return ItFixtures.yaml(
        """
        apiVersion: axon.io/v1alpha1
        kind: Workspace
        metadata: {name: %s, namespace: %s}
        spec:
          repo: https://github.com/a/b.git
          %s
        """
            .formatted(name, NS, extra));
  }

  static GenericKubernetesResource agentConfig(String name, String spec) {
    return ItFixtures.yaml(
        """
        apiVersion: axon.io/v1alpha1
        kind: AgentConfig
        metadata: {name: %s, namespace: %s}
        spec:
          %s
        """
            .formatted(name, NS, spec));
  }

  static void assertRefused(GenericKubernetesResource object, String serverMessage) {
    assertThatThrownBy(() -> client.resource(object).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).as(e.getMessage()).isEqualTo(422);
              assertThat(e.getStatus().getMessage()).contains(serverMessage);
            });
  }
}
