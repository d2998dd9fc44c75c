package io.axon.controller.spawner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.source.github.ScriptedGitHub;
import io.axon.spi.source.HostServices;
import io.axon.spi.source.WorkSourceException;
import io.axon.spi.source.WorkSourceRegistry;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One poll, shown: the items, their Task names and prompts; nothing is created. */
class SpawnerPreviewTest {
  Vertx vertx;
  ScriptedGitHub github;
  SpawnerPreview preview;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    github = ScriptedGitHub.start(vertx, "acme", "widgets");
    // As the CLI runs it: no host Vert.x, so the source makes and closes its own.
    preview =
        new SpawnerPreview(
            WorkSourceRegistry.load(),
            Map.of("githubIssues", Map.of("apiBaseURL", github.baseURL())),
            HostServices.none());
  }

  @AfterEach
  void stop() throws Exception {
    github.close();
    vertx.close().await();
  }

  @Test
  void showsEachMatchingItemWithItsTaskNameAndPrompt() {
    github.addIssue("Crash on start", "It crashes.", "bug");
    github.addIssue("Dark mode", "Please", "enhancement");
    github.addIssue("Login {{.Body}} $(id)", "`rm -rf /`", "bug");
    github.addIssue("Stuck", "?", "bug", "axon/needs-input");
    github.addPullRequest("Fix crash", "bug");
    TaskSpawner spawner =
        SpawnerFixtures.spawner("fix-bugs", List.of("bug"), List.of("axon/needs-input"));

    List<PreviewItem> items =
        preview.preview(spawner, SpawnerFixtures.workspace(), Optional.of(SpawnerFixtures.TOKEN));

    assertThat(items)
        .containsExactly(
            new PreviewItem(
                "3",
                "Login {{.Body}} $(id)",
                "https://github.com/acme/widgets/issues/3",
                List.of("bug"),
                "fix-bugs-3",
                "Fix: Login {{.Body}} $(id)\n`rm -rf /`"),
            new PreviewItem(
                "1",
                "Crash on start",
                "https://github.com/acme/widgets/issues/1",
                List.of("bug"),
                "fix-bugs-1",
                "Fix: Crash on start\nIt crashes."));
    assertThat(github.requests()).hasSize(1);
    assertThat(github.requests().get(0).header("Authorization"))
        .isEqualTo("Bearer " + SpawnerFixtures.TOKEN);
  }

  @Test
  void anInvalidTemplateIsRefusedBeforeAnyRequest() {
    TaskSpawner spawner = SpawnerFixtures.spawner("s");
    spawner.getSpec().getTaskTemplate().setPromptTemplate("{{range .Labels}}{{.}}{{end}}");

    assertThatThrownBy(
            () -> preview.preview(spawner, SpawnerFixtures.workspace(), Optional.empty()))
        .isInstanceOf(SpawnerConfigException.class)
        .hasMessageStartingWith("promptTemplate: unsupported action '{{range .Labels}}'");
    assertThat(github.requestCount()).isZero();
  }

  @Test
  void aRefusedTokenSaysSoWithoutShowingIt() {
    github.requireToken(SpawnerFixtures.TOKEN);

    assertThatThrownBy(
            () ->
                preview.preview(
                    SpawnerFixtures.spawner("s"),
                    SpawnerFixtures.workspace(),
                    Optional.of("ghp_notTheRightOne")))
        .isInstanceOfSatisfying(
            WorkSourceException.class,
            e -> assertThat(e.reason()).isEqualTo(WorkSourceException.Reason.UNAUTHORIZED))
        .hasMessageContaining("GitHub rejected the token")
        .message()
        .doesNotContain("ghp_notTheRightOne");
  }

  @Test
  void theWorkspaceMustBeTheOneTheSpawnerNames() {
    var other = SpawnerFixtures.workspace();
    other.getMetadata().setName("other");

    assertThatThrownBy(() -> preview.preview(SpawnerFixtures.spawner("s"), other, Optional.empty()))
        .isInstanceOf(SpawnerConfigException.class)
        .hasMessage("the spawner polls Workspace \"widgets\": give that Workspace");
  }
}
