package io.axon.controller.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ResultReason;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.Fixtures;
import io.axon.controller.status.FailureClassifier.Verdict;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every class the controller decides, from pod statuses shaped as the kubelet writes them ({@code
 * src/test/resources/pod-statuses}) and summaries as the entrypoint writes them.
 */
class FailureClassifierTest {

  private static final Optional<JobCondition> BACKOFF_LIMIT = jobFailed("BackoffLimitExceeded");
  private static final Optional<JobCondition> DEADLINE = jobFailed("DeadlineExceeded");

  @Test
  void aSucceededSummaryIsCompleted() {
    Verdict verdict =
        FailureClassifier.classify(
            task(),
            Optional.empty(),
            pod(
                terminated(
                    "Succeeded",
                    0,
                    "Completed",
                    "{\"outcome\":\"Succeeded\",\"reason\":\"completed\",\"message\":\"Done.\"}")));
    assertThat(verdict.phase()).isEqualTo(TaskPhase.Succeeded);
    assertThat(verdict.reason()).isEqualTo(ResultReason.Completed);
    assertThat(verdict.message()).isEqualTo("The agent finished: Done.");
  }

  @Test
  void exitZeroWithAFailedSummaryIsNeverASuccess() {
    Verdict verdict =
        FailureClassifier.classify(
            task(),
            Optional.empty(),
            pod(
                terminated(
                    "Succeeded",
                    0,
                    "Completed",
                    "{\"outcome\":\"Failed\",\"reason\":\"no_result\",\"message\":\"cut short\"}")));
    assertThat(verdict.phase()).isEqualTo(TaskPhase.Failed);
    assertThat(verdict.reason()).isEqualTo(ResultReason.Unknown);
  }

  @Test
  void anIncompleteRunIsUnknownNotSuccess() {
    Verdict verdict = classify(BACKOFF_LIMIT, "agent-no-result.yaml");
    assertThat(verdict.phase()).isEqualTo(TaskPhase.Failed);
    assertThat(verdict.reason()).isEqualTo(ResultReason.Unknown);
    assertThat(verdict.message())
        .isEqualTo(
            "The agent failed (no_result): the agent exited with status 139 without reporting a"
                + " result: Segmentation fault");
    assertThat(verdict.summary().getAgentReason()).isEqualTo("no_result");
  }

  @Test
  void anAgentStoppedJustBeforeTheDeadlineIsDeadlineExceededWithItsWork() {
    Task task = task();
    task.getSpec().setActiveDeadlineSeconds(600L);
    Verdict verdict =
        FailureClassifier.classify(
            task,
            BACKOFF_LIMIT,
            pod(
                terminated(
                    "Failed",
                    1,
                    "Error",
                    "{\"outcome\":\"Failed\",\"reason\":\"limit_reached\","
                        + "\"limit\":\"activeDeadlineSeconds\",\"branch\":\"axon/t-wip\","
                        + "\"wipBranch\":\"axon/t-wip\",\"message\":\"stopped\"}")));
    assertThat(verdict.phase()).isEqualTo(TaskPhase.Failed);
    assertThat(verdict.reason()).isEqualTo(ResultReason.DeadlineExceeded);
    assertThat(verdict.message())
        .isEqualTo(
            "The Task ran longer than its activeDeadlineSeconds (600) and was stopped. The work so"
                + " far is on branch axon/t-wip.");
  }

  @Test
  void anAgentThatExitedWithoutAnySummaryIsUnknown() {
    Verdict verdict =
        FailureClassifier.classify(
            task(), BACKOFF_LIMIT, pod(terminated("Failed", 1, "Error", "")));
    assertThat(verdict.reason()).isEqualTo(ResultReason.Unknown);
    assertThat(verdict.message())
        .isEqualTo("The agent exited with code 1 without a result summary.");
  }

  @ParameterizedTest
  @CsvSource({
    "ModelAuthFailed, ModelAuthFailed",
    "ModelRateLimited, ModelRateLimited",
    "ModelUnavailable, ModelUnavailable",
    "error_max_turns, LimitReached",
    "error_max_budget_usd, LimitReached",
    "limit_reached, LimitReached",
    "LimitReached, LimitReached",
    "needs_input, NeedsInput",
    "gave_up, AgentGaveUp",
    "AgentGaveUp, AgentGaveUp",
    "terminated, InfrastructureError",
    "invalid_configuration, InfrastructureError",
    "agent_not_started, InfrastructureError",
    "api_error, Unknown",
    "error_during_execution, Unknown",
    "no_result, Unknown",
    "completed, Unknown",
    "something_new, Unknown"
  })
  void theAgentsOwnReasonNamesTheClassOfAFailedRun(String agentReason, ResultReason expected) {
    Verdict verdict =
        FailureClassifier.classify(
            task(),
            BACKOFF_LIMIT,
            pod(
                terminated(
                    "Failed",
                    1,
                    "Error",
                    "{\"outcome\":\"Failed\",\"reason\":\""
                        + agentReason
                        + "\",\"message\":\"x\"}")));
    assertThat(verdict.reason()).isEqualTo(expected);
    assertThat(verdict.phase()).isEqualTo(TaskPhase.Failed);
  }

  /** Summaries as the entrypoint writes them after an {@code AXON-RESULT:} last line. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "gave_up | the repository has no build file to upgrade | AgentGaveUp",
        "needs_input | Should I upgrade pom.xml or build.gradle? | NeedsInput"
      })
  void anAgentThatSaidItGaveUpOrNeedsInputIsThatClassWithItsWords(
      String agentReason, String words, ResultReason expected) {
    Verdict verdict =
        FailureClassifier.classify(
            task(),
            BACKOFF_LIMIT,
            pod(
                terminated(
                    "Failed",
                    1,
                    "Error",
                    "{\"outcome\":\"Failed\",\"reason\":\""
                        + agentReason
                        + "\",\"message\":\""
                        + words
                        + "\",\"turns\":1,\"costUSD\":0.0031,\"inputTokens\":2048,"
                        + "\"outputTokens\":24,\"durationMillis\":1650,"
                        + "\"model\":\"claude-sonnet-4-20250514\",\"branch\":\"main\","
                        + "\"commit\":\"4453b3e0c6f1d2a7f2b0e5d1c9a8b7c6d5e4f3a2\"}")));
    assertThat(verdict.phase()).isEqualTo(TaskPhase.Failed);
    assertThat(verdict.reason()).isEqualTo(expected);
    assertThat(verdict.message()).isEqualTo("The agent failed (" + agentReason + "): " + words);
    assertThat(verdict.summary().getAgentReason()).isEqualTo(agentReason);
  }

  @Test
  void oomKilled() {
    Verdict verdict = classify(BACKOFF_LIMIT, "oom-killed.yaml");
    assertThat(verdict.reason()).isEqualTo(ResultReason.OOMKilled);
    assertThat(verdict.message())
        .isEqualTo("The agent was killed for using more memory than its limit (4Gi).");
  }

  @Test
  void evictedByTheKubeletUnderMemoryPressure() {
    Verdict verdict = classify(BACKOFF_LIMIT, "evicted-by-kubelet.yaml");
    assertThat(verdict.reason()).isEqualTo(ResultReason.Evicted);
    assertThat(verdict.message())
        .startsWith(
            "The agent's pod was evicted from its node: The node was low on resource: memory.");
    assertThat(verdict.summary().getTurns()).as("the figures so far are kept").isEqualTo(3);
  }

  @Test
  void evictedThroughTheEvictionApiByADrain() {
    Verdict verdict = classify(BACKOFF_LIMIT, "evicted-by-api.yaml");
    assertThat(verdict.reason()).isEqualTo(ResultReason.Evicted);
    assertThat(verdict.message())
        .isEqualTo("The agent's pod was disrupted (EvictionByEvictionAPI): Eviction API: evicting");
  }

  @Test
  void aDisruptionTheJobRecordedIsEvictedEvenWhenThePodIsGone() {
    Verdict verdict =
        FailureClassifier.classify(
            task(),
            Optional.of(
                new JobConditionBuilder()
                    .withType("Failed")
                    .withStatus("True")
                    .withReason("PodFailurePolicy")
                    .withMessage(
                        "Pod default/t-abcde has condition DisruptionTarget matching FailJob rule"
                            + " at index 0")
                    .build()),
            Optional.empty());
    assertThat(verdict.reason()).isEqualTo(ResultReason.Evicted);
    assertThat(verdict.message())
        .isEqualTo(
            "The agent's pod was taken from its node: Pod default/t-abcde has condition"
                + " DisruptionTarget matching FailJob rule at index 0");
  }

  @Test
  void theDeadlineWinsOverTheSignalItSent() {
    Verdict verdict = classify(DEADLINE, "deadline-running.yaml");
    assertThat(verdict.reason()).isEqualTo(ResultReason.DeadlineExceeded);
    assertThat(verdict.message())
        .isEqualTo("The Task ran longer than its activeDeadlineSeconds (600) and was stopped.");
  }

  @Test
  void aLimitTheEntrypointReportedNearTheDeadlineStaysLimitReached() {
    Verdict verdict =
        FailureClassifier.classify(
            task(),
            DEADLINE,
            pod(
                terminated(
                    "Failed",
                    1,
                    "Error",
                    "{\"outcome\":\"Failed\",\"reason\":\"limit_reached\",\"message\":\"the"
                        + " deadline is near\",\"wipBranch\":\"axon/t-wip\"}")));
    assertThat(verdict.reason()).isEqualTo(ResultReason.LimitReached);
    assertThat(verdict.summary().getWipBranch()).isEqualTo("axon/t-wip");
  }

  @Test
  void anImageThatCannotBePulledIsImageUnavailable() {
    Verdict verdict = classify(DEADLINE, "image-pull-backoff.yaml");
    assertThat(verdict.reason()).isEqualTo(ResultReason.ImageUnavailable);
    assertThat(verdict.message())
        .startsWith(
            "Cannot pull image registry.invalid/axon/no-such-image:1 for container agent"
                + " (ImagePullBackOff): Back-off pulling");
  }

  @Test
  void gitRefusingTheTokenIsGitAuthFailed() {
    Verdict verdict = classify(BACKOFF_LIMIT, "clone-auth-failed.yaml");
    assertThat(verdict.reason()).isEqualTo(ResultReason.GitAuthFailed);
    assertThat(verdict.message())
        .isEqualTo(
            "Cloning the workspace failed (exit code 128): fatal: Authentication failed for"
                + " 'https://github.com/acme/widgets.git/'");
  }

  @Test
  void aMissingRefIsCloneFailed() {
    assertThat(classify(BACKOFF_LIMIT, "clone-bad-ref.yaml").reason())
        .isEqualTo(ResultReason.CloneFailed);
  }

  @Test
  void aContainerThatCouldNotStartIsInfrastructureError() {
    Verdict verdict = classify(BACKOFF_LIMIT, "agent-start-error.yaml");
    assertThat(verdict.reason()).isEqualTo(ResultReason.InfrastructureError);
    assertThat(verdict.message()).startsWith("The agent's container could not run (StartError): ");
  }

  @Test
  void aJobThatFailedWithoutAPodIsInfrastructureError() {
    Verdict verdict = FailureClassifier.classify(task(), BACKOFF_LIMIT, Optional.empty());
    assertThat(verdict.reason()).isEqualTo(ResultReason.InfrastructureError);
    assertThat(verdict.message()).startsWith("The Job failed: BackoffLimitExceeded");
  }

  @Test
  void everyReasonHasOneLineOfAdvice() {
    for (ResultReason reason : ResultReason.values()) {
      assertThat(reason.advice()).isNotBlank().doesNotContain("\n").endsWith(".");
    }
  }

  private static Verdict classify(Optional<JobCondition> failed, String podStatus) {
    return FailureClassifier.classify(task(), failed, pod(status(podStatus)));
  }

  private static Task task() {
    Task task = Fixtures.task("t");
    task.getSpec().setActiveDeadlineSeconds(600L);
    return task;
  }

  private static Optional<JobCondition> jobFailed(String reason) {
    return Optional.of(
        new JobConditionBuilder()
            .withType("Failed")
            .withStatus("True")
            .withReason(reason)
            .withLastTransitionTime("2026-12-01T10:06:00Z")
            .build());
  }

  private static Optional<Pod> pod(PodStatus status) {
    return Optional.of(
        new PodBuilder()
            .withNewMetadata()
            .withName("t-abcde")
            .endMetadata()
            .withNewSpec()
            .withContainers(
                new ContainerBuilder()
                    .withName("agent")
                    .withNewResources()
                    .withLimits(Map.of("memory", new Quantity("4Gi")))
                    .endResources()
                    .build())
            .endSpec()
            .withStatus(status)
            .build());
  }

  private static PodStatus terminated(String phase, int exit, String reason, String message) {
    return io.axon.controller.AgentPodStatuses.terminated(phase, exit, reason, message);
  }

  private static PodStatus status(String name) {
    try (InputStream in =
        FailureClassifierTest.class.getResourceAsStream("/pod-statuses/" + name)) {
      return Serialization.unmarshal(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), PodStatus.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
