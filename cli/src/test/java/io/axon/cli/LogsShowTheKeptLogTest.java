package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.cli.logs.LineProtocolRuntime;
import io.axon.client.transcript.TranscriptCap;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `axon logs` of a finished Task whose pod is gone, from the ConfigMap the controller kept. */
@EnableKubernetesMockClient(crud = true)
class LogsShowTheKeptLogTest {
  static final String TRANSCRIPT = LogsCommandTest.TRANSCRIPT;
  static final String RENDERED =
      """
      [init] model=claude-sonnet-4-20250514
      --- Turn 1 ---
      Let me investigate issue #42...
      [tool] Bash: gh issue view 42
      --- Turn 2 ---
      PR created: https://github.com/your-org/repo/pull/123
      [result] completed (2 turns, $0.12)
      """;

  KubernetesClient client;

  @TempDir Path home;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(client, home);
  }

  @Test
  void followOfAFailedTaskShowsTheKeptLogThenTheFailure() throws Exception {
    Task task = finished("t1", TaskPhase.Failed, "the agent gave up");
    client
        .resource(
            new TranscriptCap()
                .readAll(new StringReader(TRANSCRIPT))
                .finish()
                .toConfigMap(task, "p"))
        .create();

    Cli.Result shown = cli.run("logs", "t1", "-f");

    assertThat(shown.exitCode()).isEqualTo(1);
    assertThat(shown.out()).isEqualTo(RENDERED);
    assertThat(shown.err())
        .isEqualTo(
            """
            The pod of task t1 is gone; this is the log kept when it finished.
            task t1 failed: the agent gave up
            """);
  }

  @Test
  void anUnreadableKeptLogIsAWarningAndTheTasksOutcomeIsShown() {
    finished("t1", TaskPhase.Succeeded, "done");
    ConfigMap broken =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("t1-axon-log")
            .withNamespace("test")
            .endMetadata()
            .addToBinaryData("transcript.gz", "bm90IGd6aXA=")
            .build();
    client.resource(broken).create();

    Cli.Result shown = cli.run("logs", "t1");

    assertThat(shown.exitCode()).isZero();
    assertThat(shown.out()).isEmpty();
    assertThat(shown.err())
        .startsWith("warning: cannot read the log kept for task t1: the transcript in ConfigMap")
        .contains("The log of task t1 is gone: its pod t1-abcde no longer exists.")
        .doesNotContain("Exception");
  }

  private Task finished(String name, TaskPhase phase, String message) {
    Task task = Fixtures.task("test", name, null);
    task.getSpec().setType(LineProtocolRuntime.TYPE);
    Task created = Fixtures.create(client, task);
    TaskStatus status = new TaskStatus();
    status.setPhase(phase);
    status.setPodName(name + "-abcde");
    status.setStartTime("2026-11-20T11:00:00Z");
    status.setMessage(message);
    created.setStatus(status);
    return client.resource(created).updateStatus();
  }
}
