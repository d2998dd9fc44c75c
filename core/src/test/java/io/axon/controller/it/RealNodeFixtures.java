package io.axon.controller.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.api.v1alpha1.Credentials;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.axon.controller.ControllerHarness;
import io.axon.controller.credentials.CredentialHosts;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * What the real-node tests share: the agents' namespace, the controller, Tasks. Public for the
 * CLI's real-node tests (core's test jar).
 */
public final class RealNodeFixtures {
  public static final String NS = "agents";
  public static final String API_KEY_SECRET = "anthropic";
  public static final Duration TIMEOUT = Duration.ofSeconds(180);

  /** The port the agent test image's ANTHROPIC_BASE_URL names (hack/images/build.py). */
  public static final int MODEL_PORT_IN_POD = 18765;

  private RealNodeFixtures() {}

  /** The restricted namespace the agents run in, with the model API key's Secret. */
  public static void agentsNamespace(RealNode node) {
    node.createRestrictedNamespace(NS);
    secret(node.client(), API_KEY_SECRET, "ANTHROPIC_API_KEY", "test-key");
  }

  public static void secret(KubernetesClient client, String name, String key, String value) {
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                // The test servers are on the host's loopback, relayed into the pod.
                .addToAnnotations(CredentialHosts.ANNOTATION, "127.0.0.1")
                .endMetadata()
                .addToStringData(key, value)
                .build())
        .create();
  }

  /**
   * The controller in this JVM as the shipped RBAC identity, running the agent test image, with
   * this memory limit for the agent container.
   */
  public static RunningController controller(RealNode node, String memoryLimit) {
    return controller(node, memoryLimit, new JsonObject());
  }

  /** The same, with these settings merged in deeply (a source's API root, for example). */
  public static RunningController controller(
      RealNode node, String memoryLimit, JsonObject moreSettings) {
    KubernetesClient client =
        new KubernetesClientBuilder().withConfig(node.config(RealNode.CONTROLLER)).build();
    JsonObject settings =
        new JsonObject()
            .put("leaderElection", new JsonObject().put("enabled", false))
            .put(
                "agentPod",
                new JsonObject()
                    .put("images", new JsonObject().put("claude-code", node.agentTestImage()))
                    .put("cpuRequest", "100m")
                    .put("memoryRequest", "64Mi")
                    .put("cpuLimit", "1")
                    .put("memoryLimit", memoryLimit))
            .mergeIn(moreSettings, true);
    try {
      return new RunningController(
          client, new ControllerHarness(client, AgentRegistry.load(), settings));
    } catch (RuntimeException | Error e) {
      client.close();
      throw e;
    }
  }

  /** A controller and its client, closed together. */
  public record RunningController(KubernetesClient client, ControllerHarness harness)
      implements AutoCloseable {
    @Override
    public void close() {
      harness.close();
      client.close();
    }
  }

  public static Task task(String name, String prompt) {
    Task task = new Task();
    task.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    TaskSpec spec = new TaskSpec();
    spec.setType("claude-code");
    spec.setPrompt(prompt);
    spec.setCredentials(new Credentials(CredentialType.API_KEY, API_KEY_SECRET));
    task.setSpec(spec);
    return task;
  }

  public static Workspace workspace(String name, String repo, String ref, String tokenSecret) {
    Workspace workspace = new Workspace();
    workspace.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    WorkspaceSpec spec = new WorkspaceSpec(repo, ref);
    if (tokenSecret != null) {
      spec.setSecretRef(new LocalObjectReference(tokenSecret));
      // The test git server speaks plain HTTP on loopback.
      spec.setAllowTokenOverHTTP(repo.startsWith("http://"));
    }
    workspace.setSpec(spec);
    return workspace;
  }

  public static Task awaitFinished(KubernetesClient client, String name) {
    return Eventually.await(
        TIMEOUT,
        "Task " + name + " to finish",
        () -> client.resources(Task.class).inNamespace(NS).withName(name).get(),
        t ->
            t.getStatus() != null
                && t.getStatus().getPhase() != null
                && t.getStatus().getPhase().isFinished());
  }

  /** The tool results in a request to the model: what the agent's tool calls printed. */
  public static String toolResults(ScriptedAnthropicServer.Request request) {
    StringBuilder out = new StringBuilder();
    for (JsonNode message : request.body().path("messages")) {
      for (JsonNode block : message.path("content")) {
        if ("tool_result".equals(block.path("type").asText())) {
          JsonNode content = block.path("content");
          if (content.isTextual()) {
            out.append(content.asText()).append('\n');
          }
          for (JsonNode part : content) {
            out.append(part.path("text").asText()).append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  public static int port(ScriptedAnthropicServer server) {
    String url = server.baseUrl();
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }
}
