package io.axon.controller.spawner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.When;
import io.axon.source.github.GitHubIssuesSourceProvider;
import io.axon.spi.source.WorkSourceRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SpawnerPlanTest {
  private static final WorkSourceRegistry GITHUB =
      WorkSourceRegistry.of(new GitHubIssuesSourceProvider());

  @Test
  void readsTheSourceSettingsOverTheControllersDefaults() {
    TaskSpawner spawner =
        SpawnerFixtures.spawner("fix-bugs", List.of("bug"), List.of("axon/needs-input"));

    SpawnerPlan plan =
        SpawnerPlan.of(
            spawner,
            GITHUB,
            Map.of("githubIssues", Map.of("apiBaseURL", "http://127.0.0.1:1", "state", "all")));

    assertThat(plan.kind()).isEqualTo("githubIssues");
    assertThat(plan.workspaceName()).isEqualTo("widgets");
    assertThat(plan.settings())
        .containsEntry("labels", List.of("bug"))
        .containsEntry("excludeLabels", List.of("axon/needs-input"))
        .containsEntry("state", "open")
        .containsEntry("apiBaseURL", "http://127.0.0.1:1")
        .doesNotContainKey("workspaceRef");
    assertThat(plan.pollInterval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void defaultsToFiveMinutes() {
    TaskSpawner spawner = SpawnerFixtures.spawner("s");
    spawner.getSpec().setPollInterval(null);
    assertThat(SpawnerPlan.of(spawner, GITHUB, Map.of()).pollInterval())
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void anUninstalledSourceKindNamesWhatIsInstalled() {
    assertProblem(
        () -> SpawnerPlan.of(SpawnerFixtures.spawner("s"), WorkSourceRegistry.of(), Map.of()),
        SpawnerConditions.REASON_UNKNOWN_SOURCE_KIND,
        "no source plugin for spec.when.githubIssues is installed in the controller (installed:"
            + " none)");
  }

  @Test
  void aTemplateWithMoreThanFieldsIsRefusedWithItsPosition() {
    TaskSpawner spawner = SpawnerFixtures.spawner("s");
    spawner.getSpec().getTaskTemplate().setPromptTemplate("Fix {{.Title}}\n{{ .Body | printf }}");
    assertProblem(
        () -> SpawnerPlan.of(spawner, GITHUB, Map.of()),
        SpawnerConditions.REASON_INVALID_PROMPT_TEMPLATE,
        "unsupported action '{{ .Body | printf }}' at line 2, column 1");
  }

  @Test
  void aFieldTheSourceDoesNotOfferIsRefusedBeforeAnyPoll() {
    TaskSpawner spawner = SpawnerFixtures.spawner("s");
    spawner.getSpec().getTaskTemplate().setPromptTemplate("{{.Assignee}}");
    assertProblem(
        () -> SpawnerPlan.of(spawner, GITHUB, Map.of()),
        SpawnerConditions.REASON_INVALID_PROMPT_TEMPLATE,
        "unknown field '{{.Assignee}}'");
  }

  @Test
  void badOrTooShortIntervalsAreRefused() {
    TaskSpawner spawner = SpawnerFixtures.spawner("s");
    spawner.getSpec().setPollInterval("5 minutes");
    assertProblem(
        () -> SpawnerPlan.of(spawner, GITHUB, Map.of()),
        SpawnerConditions.REASON_INVALID_POLL_INTERVAL,
        "spec.pollInterval: '5 minutes' is not a duration");
    for (String tooShort : List.of("0s", "1s", "29s", "29999ms")) {
      spawner.getSpec().setPollInterval(tooShort);
      assertProblem(
          () -> SpawnerPlan.of(spawner, GITHUB, Map.of()),
          SpawnerConditions.REASON_INVALID_POLL_INTERVAL,
          "spec.pollInterval "
              + tooShort
              + " is shorter than 30s: poll less often (default 5m); to poll at once, set the"
              + " annotation axon.io/poll-now to a new value");
    }
    spawner.getSpec().setPollInterval("30s");
    assertThat(SpawnerPlan.of(spawner, GITHUB, Map.of()).pollInterval())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aSpawnerWithoutSourceOrWorkspaceSaysWhatToSet() {
    TaskSpawner none = SpawnerFixtures.spawner("s");
    none.getSpec().setWhen(new When());
    assertProblem(
        () -> SpawnerPlan.of(none, GITHUB, Map.of()),
        SpawnerConditions.REASON_NO_SOURCE,
        "set one, such as spec.when.githubIssues");

    TaskSpawner noWorkspace = SpawnerFixtures.spawner("s");
    noWorkspace.getSpec().getWhen().getGithubIssues().setWorkspaceRef(null);
    assertProblem(
        () -> SpawnerPlan.of(noWorkspace, GITHUB, Map.of()),
        SpawnerConditions.REASON_WORKSPACE_NOT_FOUND,
        "spec.when.githubIssues.workspaceRef.name is not set");
  }

  private static void assertProblem(ThrowingCallable call, String reason, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpawnerConfigException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(message);
  }
}
