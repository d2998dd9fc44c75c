package io.axon.controller.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.api.v1alpha1.TaskStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

class ReportTextTest {

  static Task task(TaskPhase phase) {
    Task task = new Task();
    task.setMetadata(
        new ObjectMetaBuilder().withName("fix-bugs-42").withNamespace("ns").withUid("u-1").build());
    TaskSpec spec = new TaskSpec();
    spec.setType("claude-code");
    task.setSpec(spec);
    if (phase != null) {
      TaskStatus status = new TaskStatus();
      status.setPhase(phase);
      task.setStatus(status);
    }
    return task;
  }

  @Test
  void eachPhaseHasItsOwnTextAndTheMarkerFindsTheTaskAgain() {
    assertThat(ReportText.comment(task(null)))
        .isEqualTo(
            "<!-- axon:task uid=u-1 -->\n**Axon** Task `fix-bugs-42`: queued\n\n"
                + "The Task is created and waits for its agent to start.");
    assertThat(ReportText.comment(task(TaskPhase.Running)))
        .endsWith("`fix-bugs-42`: running\n\nThe agent (`claude-code`) is working on this.");
  }

  @Test
  void aSucceededTaskShowsItsPullRequestBranchTurnsAndCost() {
    Task task = task(TaskPhase.Succeeded);
    TaskResult result = new TaskResult();
    result.setBranch("axon/fix-42");
    result.setCommit("0123456789abcdef0123456789abcdef01234567");
    result.setPullRequestURL("https://github.com/acme/widgets/pull/7");
    result.setTurns(12);
    result.setCostUSD("0.4210");
    task.getStatus().setResult(result);
    assertThat(ReportText.summary(task))
        .isEqualTo(
            """
            The agent finished.

            | | |
            |---|---|
            | Pull request | https://github.com/acme/widgets/pull/7 |
            | Branch | `axon/fix-42` |
            | Commit | `0123456789abcdef0123456789abcdef01234567` |
            | Turns | 12 |
            | Cost | `$0.4210` |""");
  }

  @Test
  void aFailureSaysWhyWithoutSecretsMentionsOrMarkup() {
    Task task = task(TaskPhase.Failed);
    TaskResult result = new TaskResult();
    result.setReason("error_max_turns");
    result.setPullRequestURL("javascript:alert(1)");
    task.getStatus().setResult(result);
    task.getStatus()
        .setMessage(
            "The agent stopped: `rm` failed for @octocat with token ghp_abcdefghijklmnopqrstuvwxyz0123"
                + " and sk-ant-api03-secretsecret\nBearer abc.def.ghi-jkl\u001b[31m see"
                + " [here](https://evil.example)"
                + " and on".repeat(60));
    String summary = ReportText.summary(task);
    assertThat(summary)
        .startsWith("The Task failed.\n\nReason: `error_max_turns`\n\n`The agent stopped: 'rm'")
        .contains("for @octocat with token *** and ***")
        .contains("*** ***[31m see [here](https://evil.example) and on and on")
        .doesNotContain("ghp_", "sk-ant", "abc.def", "\u001b", "javascript", "\n| Pull request");
    String message = summary.substring(summary.lastIndexOf("\n") + 1);
    assertThat(message).startsWith("`").endsWith("…`").hasSizeLessThanOrEqualTo(302);
    assertThat(message.substring(1, message.length() - 1)).doesNotContain("`");
  }
}
