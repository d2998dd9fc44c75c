package io.axon.controller.task;

import static io.axon.controller.AgentPodStatuses.running;
import static io.axon.controller.AgentPodStatuses.terminated;
import static io.axon.controller.AgentPodStatuses.waiting;
import static io.axon.controller.ControllerHarness.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.controller.MockKubelet;
import io.axon.controller.status.TaskConditions;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole controller against the CRUD mock API server: Task → Job → status. */
@EnableKubernetesMockClient(crud = true)
class TaskControllerTest {
  static final String NS = Fixtures.NAMESPACE;
  KubernetesClient client;
  ControllerHarness harness;
  MockKubelet kubelet;

  @BeforeEach
  void start() {
    kubelet = new MockKubelet(client);
    harness = new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aTaskGetsExactlyOneJobAndIsPending() {
    create(Fixtures.task("hello"));

    Task task = awaitTask(client, "hello", t -> hasPhase(t, TaskPhase.Pending), "Pending");

    assertThat(jobs()).hasSize(1);
    Job job = jobs().get(0);
    assertThat(job.getMetadata().getName()).isEqualTo("hello");
    assertThat(job.getMetadata().getOwnerReferences().get(0).getUid())
        .isEqualTo(task.getMetadata().getUid());
    assertThat(task.getStatus().getJobName()).isEqualTo("hello");
    assertThat(task.getStatus().getObservedGeneration())
        .isEqualTo(task.getMetadata().getGeneration());
    assertThat(condition(task, TaskConditions.ACCEPTED)).isEqualTo("True");
  }

  @Test
  void statusFollowsTheJobAndPodThroughEveryPhase() {
    create(Fixtures.task("life"));
    awaitTask(client, "life", t -> hasPhase(t, TaskPhase.Pending), "Pending");
    Job job = jobs().get(0);

    Pod pod = kubelet.createPod(job, "life-abcde");
    kubelet.setPodStatus(pod, running());
    Task running = awaitTask(client, "life", t -> hasPhase(t, TaskPhase.Running), "Running");
    assertThat(running.getStatus().getPodName()).isEqualTo("life-abcde");
    assertThat(running.getStatus().getStartTime()).isEqualTo("2026-11-23T10:00:05Z");

    String summary =
        "{\"outcome\":\"Succeeded\",\"message\":\"PR created: https://github.com/o/r/pull/7\","
            + "\"turns\":8,\"costUSD\":0.1234,\"inputTokens\":1200,\"outputTokens\":340,"
            + "\"branch\":\"fix-42\",\"commit\":\"abc123\",\"pullRequestURL\":\"https://github.com/o/r/pull/7\"}";
    kubelet.setPodStatus(pod, terminated("Succeeded", 0, null, summary));
    kubelet.setJobStatus(job, "Complete", null);

    Task done = awaitTask(client, "life", t -> hasPhase(t, TaskPhase.Succeeded), "Succeeded");
    assertThat(done.getStatus().getCompletionTime()).isNotNull();
    assertThat(done.getStatus().getResult().getTurns()).isEqualTo(8);
    assertThat(done.getStatus().getResult().getCostUSD()).isEqualTo("0.1234");
    assertThat(done.getStatus().getResult().getPullRequestURL())
        .isEqualTo("https://github.com/o/r/pull/7");
    assertThat(done.getStatus().getResult().getCommit()).isEqualTo("abc123");
    assertThat(done.getStatus().getMessage())
        .isEqualTo("The agent finished: PR created: https://github.com/o/r/pull/7");
    assertThat(condition(done, TaskConditions.SUCCEEDED)).isEqualTo("True");
    // Transitions are recorded once the status write returns, which may be after we read it.
    ControllerHarness.await(
        () -> harness.transitions.stream().map(tr -> tr.current().getPhase()).toList(),
        phases -> phases.contains(TaskPhase.Succeeded),
        "the Succeeded transition");
    assertThat(harness.transitions)
        .extracting(tr -> tr.current().getPhase())
        .containsSubsequence(TaskPhase.Pending, TaskPhase.Running, TaskPhase.Succeeded);
  }

  @Test
  void aFailedAgentFailsTheTaskWithItsOwnReason() {
    create(Fixtures.task("fails"));
    awaitTask(client, "fails", t -> hasPhase(t, TaskPhase.Pending), "Pending");
    Job job = jobs().get(0);
    Pod pod = kubelet.createPod(job, "fails-xyz");
    kubelet.setPodStatus(
        pod,
        terminated(
            "Failed",
            1,
            "Error",
            "{\"outcome\":\"Failed\",\"reason\":\"error_max_turns\",\"message\":\"Reached maximum number of turns (1)\",\"turns\":2}"));
    kubelet.setJobStatus(job, "Failed", "BackoffLimitExceeded");

    Task failed = awaitTask(client, "fails", t -> hasPhase(t, TaskPhase.Failed), "Failed");
    assertThat(failed.getStatus().getMessage())
        .isEqualTo("The agent failed (error_max_turns): Reached maximum number of turns (1)");
    assertThat(failed.getStatus().getResult().getReason()).isEqualTo("LimitReached");
    assertThat(failed.getStatus().getResult().getAgentReason()).isEqualTo("error_max_turns");
  }

  @Test
  void outOfMemoryDeadlineAndMalformedSummariesGetMessagesAHumanCanActOn() {
    create(Fixtures.task("oom"));
    create(withDeadline(Fixtures.task("slow"), 600L));
    create(Fixtures.task("garbled"));
    for (String name : List.of("oom", "slow", "garbled")) {
      awaitTask(client, name, t -> hasPhase(t, TaskPhase.Pending), name + " Pending");
    }
    Job oom = job("oom");
    kubelet.setPodStatus(
        kubelet.createPod(oom, "oom-1"), terminated("Failed", 137, "OOMKilled", ""));
    kubelet.setJobStatus(oom, "Failed", "BackoffLimitExceeded");
    kubelet.setJobStatus(job("slow"), "Failed", "DeadlineExceeded");
    Job garbled = job("garbled");
    kubelet.setPodStatus(
        kubelet.createPod(garbled, "garbled-1"), terminated("Succeeded", 0, null, "{not json"));
    kubelet.setJobStatus(garbled, "Complete", null);

    assertThat(
            awaitTask(client, "oom", t -> hasPhase(t, TaskPhase.Failed), "oom")
                .getStatus()
                .getMessage())
        .isEqualTo("The agent was killed for using more memory than its limit (4Gi).");
    assertThat(
            awaitTask(client, "slow", t -> hasPhase(t, TaskPhase.Failed), "slow")
                .getStatus()
                .getMessage())
        .isEqualTo("The Task ran longer than its activeDeadlineSeconds (600) and was stopped.");
    Task garbledTask =
        awaitTask(client, "garbled", t -> hasPhase(t, TaskPhase.Succeeded), "garbled");
    assertThat(garbledTask.getStatus().getMessage())
        .startsWith(
            "The agent finished, but its result summary could not be read: it is not valid JSON");
    assertThat(garbledTask.getStatus().getResult().getReason()).isEqualTo("Unknown");
    assertThat(garbledTask.getStatus().getResult().getTurns()).isNull();
  }

  @Test
  void podsThatCannotStartSayWhy() {
    create(Fixtures.task("nosecret"));
    create(Fixtures.task("noimage"));
    awaitTask(client, "nosecret", t -> hasPhase(t, TaskPhase.Pending), "Pending");
    awaitTask(client, "noimage", t -> hasPhase(t, TaskPhase.Pending), "Pending");

    kubelet.setPodStatus(
        kubelet.createPod(job("nosecret"), "nosecret-1"),
        waiting("CreateContainerConfigError", "secret \"claude-oauth\" not found"));
    kubelet.setPodStatus(
        kubelet.createPod(job("noimage"), "noimage-1"),
        waiting(
            "ImagePullBackOff",
            "Back-off pulling image \"ghcr.io/axon-core/axon-claude-code:2.1.330\""));

    awaitTask(
        client,
        "nosecret",
        t ->
            t.getStatus()
                .getMessage()
                .equals(
                    "The agent's pod cannot start: secret \"claude-oauth\" not found. Fix it and the Task starts by itself."),
        "missing-secret message");
    awaitTask(
        client,
        "noimage",
        t ->
            t.getStatus()
                    .getMessage()
                    .startsWith(
                        "Cannot pull image ghcr.io/axon-core/axon-claude-code:2.1.330 for container ")
                && t.getStatus()
                    .getMessage()
                    .contains(
                        "(ImagePullBackOff): Back-off pulling image \"ghcr.io/axon-core/axon-claude-code:2.1.330\"."
                            + " The Task fails with ImageUnavailable at "),
        "image-pull message, waiting within the grace");
  }

  @Test
  void anUnknownAgentTypeFailsAndListsTheInstalledTypes() {
    Task task = Fixtures.task("typo");
    task.getSpec().setType("claude-coed");
    create(task);

    Task failed = awaitTask(client, "typo", t -> hasPhase(t, TaskPhase.Failed), "Failed");
    assertThat(failed.getStatus().getMessage())
        .isEqualTo(
            "Unknown agent type \"claude-coed\". Installed types: claude-code. Fix spec.type, or install the agent's plugin in the controller.");
    assertThat(jobs()).isEmpty();
  }

  @Test
  void aMissingWorkspaceWaitsAndTheTaskStartsWhenItAppears() {
    create(Fixtures.taskWithWorkspace("needs-ws", "my-workspace"));
    Task waiting =
        awaitTask(
            client,
            "needs-ws",
            t -> t.getStatus() != null && t.getStatus().getMessage() != null,
            "a message");
    assertThat(waiting.getStatus().getPhase()).isEqualTo(TaskPhase.Pending);
    assertThat(waiting.getStatus().getMessage())
        .isEqualTo(
            "Workspace \"my-workspace\" not found in namespace \"team-a\". Create it and the Task starts by itself.");
    assertThat(jobs()).isEmpty();

    client.resources(Workspace.class).resource(Fixtures.workspace("my-workspace")).create();

    Task started =
        awaitTask(client, "needs-ws", t -> "needs-ws".equals(t.getStatus().getJobName()), "Job");
    assertThat(condition(started, TaskConditions.ACCEPTED)).isEqualTo("True");
    assertThat(jobs()).hasSize(1);
    assertThat(jobs().get(0).getSpec().getTemplate().getSpec().getInitContainers()).hasSize(1);
  }

  @Test
  void restartingTheControllerAndReconcilingAgainNeverMakesASecondJob() {
    create(Fixtures.task("once"));
    awaitTask(client, "once", t -> hasPhase(t, TaskPhase.Pending), "Pending");
    String jobUid = jobs().get(0).getMetadata().getUid();

    harness.close();
    harness = new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()));
    // A second, concurrent controller instance as well: the deterministic name makes create
    // idempotent.
    try (ControllerHarness second =
        new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()))) {
      create(Fixtures.task("twice"));
      awaitTask(client, "twice", t -> hasPhase(t, TaskPhase.Pending), "Pending");
    }

    assertThat(jobs())
        .extracting(j -> j.getMetadata().getName())
        .containsExactlyInAnyOrder("once", "twice");
    assertThat(job("once").getMetadata().getUid()).isEqualTo(jobUid);
  }

  @Test
  void aJobDeletedBeforeTheTaskFinishedIsNotRecreated() {
    create(Fixtures.task("lost"));
    awaitTask(client, "lost", t -> hasPhase(t, TaskPhase.Pending), "Pending");

    client.batch().v1().jobs().inNamespace(NS).withName("lost").delete();

    Task failed = awaitTask(client, "lost", t -> hasPhase(t, TaskPhase.Failed), "Failed");
    assertThat(failed.getStatus().getMessage())
        .startsWith("Job \"lost\" was deleted before the Task finished");
    assertThat(jobs()).isEmpty();
  }

  // --- helpers -------------------------------------------------------------------------------

  private void create(Task task) {
    task.getMetadata().setUid(null);
    client.resources(Task.class).resource(task).create();
  }

  private static Task withDeadline(Task task, long seconds) {
    task.getSpec().setActiveDeadlineSeconds(seconds);
    return task;
  }

  private List<Job> jobs() {
    return client.batch().v1().jobs().inNamespace(NS).list().getItems();
  }

  private Job job(String name) {
    return client.batch().v1().jobs().inNamespace(NS).withName(name).get();
  }

  private static boolean hasPhase(Task task, TaskPhase phase) {
    return task.getStatus() != null && task.getStatus().getPhase() == phase;
  }

  private static String condition(Task task, String type) {
    return task.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow()
        .getStatus();
  }
}
