package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitHttpServer;
import io.axon.api.v1alpha1.ResultReason;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.Fixtures;
import io.axon.controller.status.FailureClassifier;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clone step as the Job runs it (the builder's env, the real script, real git) against a git
 * server on loopback that refuses the token, or lacks the ref: git's own words, as the clone
 * container's termination message carries them, tell GitAuthFailed from CloneFailed.
 */
class CloneFailureClassTest {
  @TempDir Path tmp;
  private GitHttpServer host;

  @BeforeEach
  void startServer() throws Exception {
    Path source = tmp.resolve("source");
    Files.createDirectories(source);
    git(source, "init", "-q", "-b", "main");
    Files.writeString(source.resolve("README.md"), "hello\n");
    git(source, "add", ".");
    git(source, "commit", "-q", "-m", "first");
    Path served = Files.createDirectories(tmp.resolve("served"));
    git(tmp, "clone", "-q", "--bare", source.toString(), served.resolve("widgets.git").toString());
    host = new GitHttpServer(served, "the-right-token");
  }

  @AfterEach
  void stopServer() {
    host.close();
  }

  @Test
  void aTokenTheHostRefusesIsGitAuthFailed() throws Exception {
    String output = clone(null, "ghp_aTokenTheHostDoesNotKnow");

    FailureClassifier.Verdict verdict = classify(output);
    assertThat(verdict.reason()).as(output).isEqualTo(ResultReason.GitAuthFailed);
    assertThat(verdict.message()).startsWith("Cloning the workspace failed (exit code 128): ");
  }

  @Test
  void aRefThatDoesNotExistIsCloneFailed() throws Exception {
    String output = clone("no-such-branch", "the-right-token");

    FailureClassifier.Verdict verdict = classify(output);
    assertThat(verdict.reason()).as(output).isEqualTo(ResultReason.CloneFailed);
    assertThat(verdict.message()).contains("no-such-branch");
  }

  private static FailureClassifier.Verdict classify(String cloneOutput) {
    Pod pod =
        new PodBuilder()
            .withNewStatus()
            .withPhase("Failed")
            .withInitContainerStatuses(
                new ContainerStatusBuilder()
                    .withName(AgentJobBuilder.CLONE_CONTAINER)
                    .withNewState()
                    .withNewTerminated()
                    .withExitCode(128)
                    .withReason("Error")
                    .withMessage(cloneOutput) // FallbackToLogsOnError: the container's output
                    .endTerminated()
                    .endState()
                    .build())
            .endStatus()
            .build();
    return FailureClassifier.classify(
        Fixtures.task("t"),
        Optional.of(
            new JobConditionBuilder()
                .withType("Failed")
                .withStatus("True")
                .withReason("BackoffLimitExceeded")
                .build()),
        Optional.of(pod));
  }

  /** Runs the clone container's command with its env, the Secret's value put where it points. */
  private String clone(String ref, String token) throws Exception {
    Workspace workspace = Fixtures.workspace("widgets");
    workspace.getSpec().setRepo(host.url("widgets.git"));
    workspace.getSpec().setRef(ref);
    workspace.getSpec().setAllowTokenOverHTTP(true);
    var job =
        new AgentJobBuilder(AgentPodSettings.DEFAULTS)
            .build(
                Fixtures.taskWithWorkspace("t", "widgets"),
                Optional.of(workspace),
                Fixtures.claudeLike());
    Container clone = job.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    ProcessBuilder builder = new ProcessBuilder(clone.getCommand());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    for (EnvVar var : clone.getEnv()) {
      builder.environment().put(var.getName(), var.getValueFrom() != null ? token : var.getValue());
    }
    builder.environment().put("AXON_REPO_DIR", tmp.resolve("workspace/repo").toString());
    Path home = Files.createDirectories(tmp.resolve("home"));
    builder.environment().put("HOME", home.toString());
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isNotZero();
    return output;
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git",
                "-C",
                dir.toString(),
                "-c",
                "user.name=T",
                "-c",
                "user.email=t@example.com"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
  }
}
