package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.cli.logs.LineProtocolRuntime;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class LogsCommandTest {
  static final String TRANSCRIPT =
      """
      init claude-sonnet-4-20250514
      turn 1
      text Let me investigate issue #42...
      tool Bash gh issue view 42
      turn 2
      text PR created: https://github.com/your-org/repo/pull/123
      done 2 0.1234
      """;

  KubernetesClient client;
  KubernetesMockServer server;

  @TempDir Path home;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(client, home);
  }

  @Test
  void rendersTheAgentsLogWithItsPlugin() {
    Task task = task("fix-issue-42", LineProtocolRuntime.TYPE);
    Fixtures.status(client, task, TaskPhase.Succeeded, null, null, null);
    pod("fix-issue-42", "Succeeded");
    logs("fix-issue-42-pod", false, TRANSCRIPT);

    Cli.Result result = cli.run("logs", "fix-issue-42");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
            [init] model=claude-sonnet-4-20250514
            --- Turn 1 ---
            Let me investigate issue #42...
            [tool] Bash: gh issue view 42
            --- Turn 2 ---
            PR created: https://github.com/your-org/repo/pull/123
            [result] completed (2 turns, $0.12)
            """);
  }

  @Test
  void rawPrintsTheLinesAsTheyAre() {
    Task task = task("t1", LineProtocolRuntime.TYPE);
    Fixtures.status(client, task, TaskPhase.Running, null, null, null);
    pod("t1", "Running");
    logs("t1-pod", false, TRANSCRIPT);

    Cli.Result result = cli.run("logs", "t1", "--raw");

    assertThat(result.out()).isEqualTo(TRANSCRIPT);
  }

  @Test
  void escapesInTheLogAndTheTasksMessageNeverReachTheTerminal() {
    Task task = task("t1", LineProtocolRuntime.TYPE);
    Fixtures.status(client, task, TaskPhase.Running, null, null, null);
    pod("t1", "Running");
    // A carriage return ends a line for the reader, so the fake result line is a line of its own.
    String hostile =
        "text \u001b]0;retitled\u0007hi \u001b[31mred\u001b[0m\n"
            + "text done\r[result] completed (1 turn, $0.00)\n"
            + "text \u009b2J\u202eevil\n";
    logs("t1-pod", false, hostile);
    Task failed = task("t2", LineProtocolRuntime.TYPE);
    Fixtures.status(
        client, failed, TaskPhase.Failed, null, null, "boom \u001b]0;owned\u0007\u009b2J\u202e!");

    Cli.Result rendered = cli.run("logs", "t1");
    Cli.Result raw = cli.run("logs", "t1", "--raw");
    Cli.Result message = cli.run("logs", "t2", "-f");

    assertThat(rendered.out())
        .isEqualTo(
            """
            ]0;retitledhi [31mred[0m
            done
            > [result] completed (1 turn, $0.00)
            2Jevil
            """);
    assertThat(raw.out())
        .isEqualTo(
            """
            text ]0;retitledhi [31mred[0m
            text done
            [result] completed (1 turn, $0.00)
            text 2Jevil
            """);
    assertThat(message.err()).isEqualTo("task t2 failed: boom ]0;owned2J!%n".formatted());
    for (String printed : List.of(rendered.out(), raw.out(), message.err())) {
      assertThat(printed).doesNotContain("\u001b", "\u0007", "\r", "\u009b", "\u202e");
    }
  }

  @Test
  void unknownAgentTypesArePrintedRaw() {
    Task task = task("t1", "no-such-plugin");
    Fixtures.status(client, task, TaskPhase.Running, null, null, null);
    pod("t1", "Running");
    logs("t1-pod", false, "{\"type\":\"whatever\"}\n");

    assertThat(cli.run("logs", "t1").out()).isEqualTo("{\"type\":\"whatever\"}\n");
  }

  @Test
  void aPendingTaskIsReportedNotAnError() {
    Task task = task("t1", LineProtocolRuntime.TYPE);
    Fixtures.status(
        client, task, TaskPhase.Pending, null, null, "Secret axon-credentials not found");

    Cli.Result result = cli.run("logs", "t1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("Task t1 is Pending: Secret axon-credentials not found%n".formatted());
  }

  @Test
  void followWaitsForThePodThenStreamsAndEndsWithTheTask() throws Exception {
    Task task = task("t1", LineProtocolRuntime.TYPE);
    logs("t1-pod", true, TRANSCRIPT);

    Cli.Running following = cli.start("logs", "t1", "-f", "--poll-interval", "50ms");
    following.awaitErr("waiting for the controller to pick it up", Duration.ofSeconds(10));
    Fixtures.status(client, task, TaskPhase.Pending, null, null, "waiting for the workspace clone");
    following.awaitErr("waiting for the workspace clone", Duration.ofSeconds(10));
    pod("t1", "Running");
    Fixtures.status(client, task, TaskPhase.Running, null, null, "agent running");
    following.awaitOut("[result] completed", Duration.ofSeconds(10));
    Fixtures.status(client, task, TaskPhase.Succeeded, null, null, "done");
    Cli.Result result = following.await(Duration.ofSeconds(10));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .startsWith("[init] model=")
        .endsWith("[result] completed (2 turns, $0.12)\n");
    assertThat(result.err())
        .contains("Task t1 is Pending: waiting for the controller to pick it up")
        .contains("Task t1 is Pending: waiting for the workspace clone")
        .doesNotContain("error");
  }

  @Test
  void followExitsNonZeroWhenTheTaskFails() throws Exception {
    Task task = task("t1", LineProtocolRuntime.TYPE);
    Fixtures.status(client, task, TaskPhase.Running, null, null, null);
    pod("t1", "Running");
    logs("t1-pod", true, "text trying\n");

    Cli.Running following = cli.start("logs", "t1", "-f", "--poll-interval", "50ms");
    following.awaitOut("trying", Duration.ofSeconds(10));
    Fixtures.status(client, task, TaskPhase.Failed, null, null, "agent exited with code 1");
    Cli.Result result = following.await(Duration.ofSeconds(10));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).endsWith("task t1 failed: agent exited with code 1%n".formatted());
  }

  @Test
  void aTaskThatFailedBeforeItsPodIsReported() {
    Task task = task("t1", LineProtocolRuntime.TYPE);
    Fixtures.status(client, task, TaskPhase.Failed, null, null, "Secret s not found");

    Cli.Result result = cli.run("logs", "t1", "-f");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("task t1 failed: Secret s not found%n".formatted());
  }

  @Test
  void anAgentThatNeverStartedHasNoLogOnlyTheTasksMessage() {
    Task task = task("t1", LineProtocolRuntime.TYPE);
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("t1-pod")
            .addToLabels(ApiGroup.TASK_LABEL, "t1")
            .endMetadata()
            .withNewStatus()
            .withPhase("Failed")
            .addNewContainerStatus()
            .withName("agent")
            .withNewState()
            .withNewWaiting()
            .withReason("ImagePullBackOff")
            .endWaiting()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    client.pods().inNamespace("test").resource(pod).create();
    client.pods().inNamespace("test").resource(pod).updateStatus();
    Fixtures.status(client, task, TaskPhase.Failed, null, null, "the agent image cannot be pulled");

    Cli.Result result = cli.run("logs", "t1", "-f");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("task t1 failed: the agent image cannot be pulled%n".formatted());
  }

  @Test
  void aMissingTaskIsNotFound() {
    Cli.Result result = cli.run("logs", "nope");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("error: task nope not found in namespace test%n".formatted());
  }

  @Test
  void followReportsAnApiErrorInsteadOfPrintingItAsTheLog() {
    Task task = task("t1", LineProtocolRuntime.TYPE);
    Fixtures.status(client, task, TaskPhase.Running, null, null, null);
    pod("t1", "Running");
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/test/pods/t1-pod/log?pretty=false&container=agent&follow=true")
        .andReturn(
            500,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"kubelet unreachable\",\"code\":500}")
        .always();

    Cli.Result result = cli.run("logs", "t1", "-f");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("error: the Kubernetes API answered 500: kubelet unreachable%n".formatted());
  }

  @Test
  void aFinishedTaskWhosePodIsGoneSaysSoAndShowsItsResult() {
    Task task = task("t1", LineProtocolRuntime.TYPE);
    Task current = client.resources(Task.class).inNamespace("test").withName("t1").get();
    TaskStatus status = new TaskStatus();
    status.setPhase(TaskPhase.Succeeded);
    status.setPodName("t1-abcde");
    status.setStartTime("2026-11-20T11:00:00Z");
    status.setMessage("the agent finished");
    TaskResult result = Fixtures.result("0.1234", "m");
    result.setTurns(2);
    result.setPullRequestURL("https://github.com/your-org/repo/pull/123");
    status.setResult(result);
    current.setStatus(status);
    client.resource(current).updateStatus();

    Cli.Result shown = cli.run("logs", "t1");

    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    assertThat(shown.out()).isEmpty();
    assertThat(shown.err())
        .isEqualTo(
            """
            The log of task t1 is gone: its pod t1-abcde no longer exists. The Task Succeeded.
            Message: the agent finished
            Result: 2 turns, $0.12, PR https://github.com/your-org/repo/pull/123
            """);
  }

  @Test
  void followSaysWhatToCheckWhenNoControllerPicksTheTaskUp() throws Exception {
    task("t1", LineProtocolRuntime.TYPE);

    Cli.Running following = cli.start("logs", "t1", "-f", "--poll-interval", "50ms");
    following.awaitErr("No controller has picked up task t1", Duration.ofSeconds(20));
    following.stop();

    assertThat(following.err())
        .contains(
            "No controller has picked up task t1 after 5s (no controller holds the Lease"
                + " axon-system/axon-controller (it does not exist)); check the controller:"
                + " `kubectl -n axon-system get deployment axon-controller`");
  }

  private Task task(String name, String type) {
    Task task = Fixtures.task("test", name, null);
    task.getSpec().setType(type);
    return Fixtures.create(client, task);
  }

  /** The Task's pod as the controller's Job makes it: labelled with the Task's name. */
  private void pod(String task, String phase) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(task + "-pod")
            .withNamespace("test")
            .addToLabels(ApiGroup.TASK_LABEL, task)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("agent")
            .withImage("agent")
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase(phase)
            .endStatus()
            .build();
    client.pods().inNamespace("test").resource(pod).create();
    client.pods().inNamespace("test").resource(pod).updateStatus();
  }

  /** The kubelet's answer to a log request for the agent container. */
  private void logs(String pod, boolean follow, String text) {
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/test/pods/%s/log?pretty=false&container=agent%s"
                .formatted(pod, follow ? "&follow=true" : ""))
        .andReturn(200, text)
        .always();
  }
}
