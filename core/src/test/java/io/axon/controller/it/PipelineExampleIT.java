package io.axon.controller.it;

import static io.axon.controller.pipeline.PipelineConditions.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.job.AgentJobBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * examples/pipeline.yaml, applied as a user would, runs to the end on a real control plane whose
 * pods kwok plays: scaffold, then tests, then docs, one at a time on one branch, each prompt
 * carrying the results of the Tasks before it.
 */
class PipelineExampleIT {
  static final String NS = "pipeline";
  static final String BRANCH = "axon/todo-service";

  @RegisterExtension static final KwokControlPlane cluster = new KwokControlPlane(NS);
  static final PipelineTasks tasks = new PipelineTasks(cluster::client, NS);

  @Test
  void scaffoldThenTestsThenDocsRunToTheEndPassingTheirResultsOn() throws IOException {
    cluster.pods.succeed(
        "scaffold",
        "2s",
        summary("Built a FastAPI TODO service in todo/ with CRUD routes.", "a1b2c3d", null));
    cluster.pods.succeed(
        "tests", "2s", summary("Added tests/test_todos.py: 8 tests, all pass.", "e4f5a6b", null));
    cluster.pods.succeed(
        "docs",
        "2s",
        summary(
            "Wrote README.md and opened a pull request.",
            "c7d8e9f",
            "https://github.com/your-org/your-repo/pull/7"));
    cluster.client.resource(secret("github-token", "GITHUB_TOKEN")).create();
    cluster.client.resource(secret("claude-oauth", "CLAUDE_CODE_OAUTH_TOKEN")).create();

    try (InputStream in =
        Files.newInputStream(RepoPaths.root().resolve("examples/pipeline.yaml"))) {
      cluster.client.load(in).inNamespace(NS).create();
    }

    Task docsWaiting =
        tasks.awaitCondition("docs", DEPENDENCIES_READY, "False", REASON_WAITING_FOR_DEPENDENCIES);
    assertThat(docsWaiting.getStatus().getPhase()).isEqualTo(TaskPhase.Waiting);

    Task scaffold = tasks.awaitPhase("scaffold", TaskPhase.Succeeded);
    Task tests = tasks.awaitPhase("tests", TaskPhase.Succeeded);
    Task docs = tasks.awaitPhase("docs", TaskPhase.Succeeded);

    assertThat(scaffold.getStatus().getResult().getSummary())
        .isEqualTo("Built a FastAPI TODO service in todo/ with CRUD routes.");
    assertThat(prompt("tests"))
        .contains("The service on branch " + BRANCH + " (commit a1b2c3d)")
        .contains("who said:\n\nBuilt a FastAPI TODO service in todo/ with CRUD routes.\n")
        .doesNotContain("{{");
    assertThat(prompt("docs"))
        .contains("Document the service on branch " + BRANCH + " in README.md")
        .contains("What was built: Built a FastAPI TODO service in todo/ with CRUD routes.")
        .contains("What the tests cover: Added tests/test_todos.py: 8 tests, all pass.")
        .doesNotContain("{{");
    assertThat(docs.getStatus().getResult().getPullRequestURL())
        .isEqualTo("https://github.com/your-org/your-repo/pull/7");

    // One at a time, in order: each Job was made only after the Task before it finished, and
    // soon after: the finished Task woke its dependents (the resync comes every 10 minutes).
    Duration toTests = Duration.between(finished(scaffold), created("tests"));
    Duration toDocs = Duration.between(finished(tests), created("docs"));
    System.out.printf(
        "[pipeline] tests' Job %d ms after scaffold finished, docs' %d ms after tests%n",
        toTests.toMillis(), toDocs.toMillis());
    assertThat(toTests).isBetween(Duration.ZERO, Duration.ofSeconds(15));
    assertThat(toDocs).isBetween(Duration.ZERO, Duration.ofSeconds(15));
    for (Task task : List.of(scaffold, tests, docs)) {
      assertThat(env(task.getMetadata().getName(), "AXON_BRANCH")).isEqualTo(BRANCH);
      assertThat(PipelineTasks.condition(task, BRANCH_LOCK_HELD))
          .get()
          .satisfies(c -> assertThat(c.getReason()).isEqualTo(REASON_BRANCH_RELEASED));
    }
  }

  static String summary(String message, String commit, String pullRequestURL) {
    return "{\"outcome\":\"Succeeded\",\"message\":%s,\"branch\":\"%s\",\"commit\":\"%s\"%s}"
        .formatted(
            io.fabric8.kubernetes.client.utils.Serialization.asJson(message),
            BRANCH,
            commit,
            pullRequestURL == null ? "" : ",\"pullRequestURL\":\"" + pullRequestURL + "\"");
  }

  static io.fabric8.kubernetes.api.model.Secret secret(String name, String key) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .addToStringData(key, "not-a-real-token")
        .build();
  }

  static Job job(String name) {
    return cluster.client.batch().v1().jobs().inNamespace(NS).withName(name).get();
  }

  static String prompt(String name) {
    return job(name)
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(AgentJobBuilder.PROMPT_ANNOTATION);
  }

  static String env(String name, String variable) {
    Container clone = job(name).getSpec().getTemplate().getSpec().getInitContainers().get(0);
    return clone.getEnv().stream()
        .filter(e -> e.getName().equals(variable))
        .map(EnvVar::getValue)
        .findFirst()
        .orElse(null);
  }

  static Instant created(String name) {
    return Instant.parse(job(name).getMetadata().getCreationTimestamp());
  }

  static Instant finished(Task task) {
    return Instant.parse(task.getStatus().getCompletionTime());
  }
}
