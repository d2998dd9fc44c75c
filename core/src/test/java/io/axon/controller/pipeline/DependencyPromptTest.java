package io.axon.controller.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyPromptTest {

  private static Task dependent(String prompt, String... dependsOn) {
    Task task = Fixtures.task("docs");
    task.getSpec().setPrompt(prompt);
    task.getSpec().setDependsOn(List.of(dependsOn));
    return task;
  }

  private static Task finished(String name, String branch, String commit, String summary) {
    Task task = Fixtures.task(name);
    TaskResult result = new TaskResult();
    result.setBranch(branch);
    result.setCommit(commit);
    result.setSummary(summary);
    TaskStatus status = new TaskStatus();
    status.setResult(result);
    task.setStatus(status);
    return task;
  }

  @Test
  void fillsInTheDependenciesResults() {
    Task task =
        dependent(
            "Continue on {{.Deps.scaffold.Result.Branch}} at {{ .Deps.scaffold.Result.Commit }}."
                + " PR: [{{.Deps.scaffold.Result.PullRequestURL}}]. It said:"
                + " {{.Deps.tests.Result.Summary}}",
            "scaffold",
            "tests");
    assertThat(DependencyPrompt.problem(task)).isEmpty();
    String prompt =
        DependencyPrompt.render(
            task,
            Map.of(
                "scaffold", finished("scaffold", "feature/x", "abc123", null),
                "tests", finished("tests", "feature/x", "def456", "Added 3 tests.")));
    assertThat(prompt)
        .isEqualTo("Continue on feature/x at abc123. PR: []. It said: Added 3 tests.");
  }

  @Test
  void valuesAreCopiedLiterallyInOnePass() {
    Task task = dependent("A: {{.Deps.a.Result.Summary}} B: {{.Deps.b.Result.Branch}}", "a", "b");
    String prompt =
        DependencyPrompt.render(
            task,
            Map.of(
                "a", finished("a", null, null, "{{.Deps.b.Result.Branch}} $(rm -rf /) {{.Title}}"),
                "b", finished("b", "main", null, null)));
    assertThat(prompt).isEqualTo("A: {{.Deps.b.Result.Branch}} $(rm -rf /) {{.Title}} B: main");
  }

  @Test
  void otherBracesStayAsWritten() {
    Task task = dependent("Explain {{ .Values.x }} and {{.Title}} and {{ unclosed", "a");
    assertThat(DependencyPrompt.problem(task)).isEmpty();
    assertThat(DependencyPrompt.render(task, Map.of("a", finished("a", null, null, null))))
        .isEqualTo("Explain {{ .Values.x }} and {{.Title}} and {{ unclosed");
  }

  @Test
  void aTaskWithoutDependenciesKeepsItsPromptAsItIs() {
    Task task = dependent("{{.Deps.a.Result.Branch}}");
    assertThat(DependencyPrompt.problem(task)).isEmpty();
    assertThat(DependencyPrompt.render(task, Map.of())).isEqualTo("{{.Deps.a.Result.Branch}}");
  }

  @Test
  void wrongReferencesAreReportedWithWhereTheyAre() {
    assertThat(DependencyPrompt.problem(dependent("x\n {{.Deps.other.Result.Branch}}", "a")))
        .hasValue(
            "The prompt's '{{.Deps.other.Result.Branch}}' at line 2, column 2 names \"other\","
                + " which is not in spec.dependsOn (a).");
    assertThat(DependencyPrompt.problem(dependent("{{.Deps.a.Result.Cost}}", "a")))
        .get()
        .asString()
        .contains("unknown result field \"Cost\"")
        .contains("{{.Deps.<name>.Result.Branch}}");
    assertThat(DependencyPrompt.problem(dependent("{{.Deps.a}}", "a")))
        .get()
        .asString()
        .contains("is not a dependency result");
  }

  @Test
  void dottedTaskNamesWork() {
    Task task = dependent("{{.Deps.step.one.Result.Commit}}", "step.one");
    assertThat(DependencyPrompt.problem(task)).isEmpty();
    assertThat(DependencyPrompt.render(task, Map.of("step.one", finished("x", null, "c1", null))))
        .isEqualTo("c1");
  }
}
