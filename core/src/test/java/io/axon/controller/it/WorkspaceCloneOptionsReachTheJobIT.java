package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.controller.job.AgentJobBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Workspace's extra remotes and partial-clone choice, accepted by the real API server, reach the
 * clone step of the Job the controller creates; that step, run as the Job gives it with real git
 * (only the origin pointed at a local repository), clones partially by default or whole on request,
 * and adds the remotes.
 */
class WorkspaceCloneOptionsReachTheJobIT {
  static final String NS = "clone-options";
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static ControlPlane plane;
  static KubernetesClient client;
  static ControllerInstance controller;
  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start();
    client = plane.client();
    plane.createNamespace(NS);
    controller = new ControllerInstance(plane);
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
  void theJobsCloneStepIsPartialByDefaultAndAddsTheWorkspacesRemotes() throws Exception {
    create(
        "with-remotes",
        "remotes: [{name: upstream, url: 'https://git.example.com/upstream/repo.git'}]");

    Container clone = cloneStep(awaitJob("with-remotes"));
    Path repo = runClone(clone);

    assertThat(git(repo, "config", "remote.origin.partialclonefilter")).isEqualTo("blob:none");
    assertThat(git(repo, "remote", "get-url", "upstream"))
        .isEqualTo("https://git.example.com/upstream/repo.git");
    assertThat(Files.readString(repo.resolve("README.md"))).isEqualTo("hello\n");
  }

  @Test
  void theJobsCloneStepClonesTheWholeHistoryWhenTheWorkspaceSaysSo() throws Exception {
    create("whole", "partialClone: false");

    Container clone = cloneStep(awaitJob("whole"));
    assertThat(env(clone)).containsEntry("AXON_PARTIAL_CLONE", "false");
    Path repo = runClone(clone);

    assertThat(run(repo, "git", "config", "remote.origin.promisor").exit).isNotZero();
    assertThat(git(repo, "remote")).isEqualTo("origin");
  }

  private void create(String name, String workspaceFields) {
    client
        .resource(
            ItFixtures.yaml(
                """
                apiVersion: axon.io/v1alpha1
                kind: Workspace
                metadata: {name: %s, namespace: %s}
                spec:
                  repo: https://git.example.com/team/app.git
                  ref: main
                  %s
                """
                    .formatted(name, NS, workspaceFields)))
        .create();
    client
        .resource(
            ItFixtures.yaml(
                """
                apiVersion: axon.io/v1alpha1
                kind: Task
                metadata: {name: %s, namespace: %s}
                spec:
                  type: claude-code
                  prompt: hi
                  credentials: {type: oauth, secretRef: {name: claude-oauth}}
                  workspaceRef: {name: %s}
                """
                    .formatted(name, NS, name)))
        .create();
  }

  /** Runs the clone step's own command and plain env, with origin and paths made local. */
  private Path runClone(Container clone) throws Exception {
    Path origin = tmp.resolve("origin");
    Files.createDirectories(origin);
    git(origin, "init", "-q", "-b", "main");
    git(origin, "config", "uploadpack.allowFilter", "true");
    Files.writeString(origin.resolve("README.md"), "hello\n");
    git(origin, "add", ".");
    git(origin, "commit", "-q", "-m", "first");

    Path repo = tmp.resolve("workspace/repo");
    Path home = Files.createDirectories(tmp.resolve("home"));
    Map<String, String> env = env(clone);
    env.put("AXON_REPO", origin.toUri().toString());
    env.put("AXON_REPO_DIR", repo.toString());
    env.put("HOME", home.toString());
    ProcessBuilder builder = new ProcessBuilder(clone.getCommand());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return repo;
  }

  private static Map<String, String> env(Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container.getEnv()) {
      if (var.getValue() != null) {
        env.put(var.getName(), var.getValue());
      }
    }
    return env;
  }

  private static Container cloneStep(Job job) {
    List<Container> init = job.getSpec().getTemplate().getSpec().getInitContainers();
    assertThat(init).as("the Job's init containers").isNotEmpty();
    return init.stream()
        .filter(c -> AgentJobBuilder.CLONE_CONTAINER.equals(c.getName()))
        .findFirst()
        .orElseThrow();
  }

  private static Job awaitJob(String task) {
    return Eventually.await(
        TIMEOUT,
        "the Job of Task " + task,
        () -> client.batch().v1().jobs().inNamespace(NS).withName(task).get(),
        Objects::nonNull);
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("git", "-c", "user.name=T", "-c", "user.email=t@e"));
    command.addAll(List.of(args));
    Result result = run(dir, command.toArray(String[]::new));
    assertThat(result.exit).as(result.output).isZero();
    return result.output.strip();
  }

  private static Result run(Path dir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }

  private record Result(int exit, String output) {}
}
