package io.axon.source.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.spi.source.SkippedItem;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSource;
import io.axon.spi.source.WorkSourceConfig;
import io.axon.spi.source.WorkSourceException;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GitHub pull requests source against the scripted GitHub on loopback. */
class GitHubPullRequestsSourceTest {
  private static final String TOKEN = "ghp_pullT0kenValue0123456789abcdefXYZ";
  private static final String REPO_URL = "https://github.com/acme/widgets.git";

  private final MutableClock clock = new MutableClock(Instant.now());
  private Vertx vertx;
  private ScriptedGitHub github;
  private final List<WorkSource> opened = new ArrayList<>();

  @BeforeEach
  void startGitHub() throws Exception {
    vertx = Vertx.vertx();
    github = ScriptedGitHub.start(vertx, "acme", "widgets");
  }

  @AfterEach
  void stop() throws Exception {
    opened.forEach(WorkSource::close);
    github.close();
    vertx.close().await(Duration.ofSeconds(10));
  }

  private WorkSource open(Map<String, Object> settings) {
    Map<String, Object> all = new HashMap<>(settings);
    all.put("apiBaseURL", github.baseURL());
    WorkSource source =
        new GitHubPullRequestsSourceProvider(clock)
            .open(
                new WorkSourceConfig(
                    all, REPO_URL, Optional.of(TOKEN), GitHubIssuesSourceTest.hostWith(vertx)));
    opened.add(source);
    return source;
  }

  private static List<Long> numbers(List<WorkItem> items) {
    return items.stream().map(WorkItem::number).toList();
  }

  @Test
  void aPullRequestBecomesAnItemWithItsBranchBaseAndText() throws Exception {
    github.addIssue("An issue, not a PR", "i", "bug");
    github.addPull("Fix the crash", "Closes #1.\n$(rm -rf /)", "fix/crash", "main", "bug");

    List<WorkItem> items = GitHubIssuesSourceTest.poll(open(Map.of()));

    assertThat(items).hasSize(1);
    WorkItem pull = items.get(0);
    assertThat(pull.id()).isEqualTo("2");
    assertThat(pull.title()).isEqualTo("Fix the crash");
    assertThat(pull.body()).isEqualTo("Closes #1.\n$(rm -rf /)");
    assertThat(pull.url()).isEqualTo("https://github.com/acme/widgets/pull/2");
    assertThat(pull.labels()).containsExactly("bug");
    assertThat(pull.extra())
        .containsEntry(WorkItem.BRANCH, "fix/crash")
        .containsEntry("Base", "main")
        .containsEntry("State", "open")
        .containsEntry("Author", "octocat")
        .containsEntry("Draft", "false");
    ScriptedGitHub.Recorded request = github.requests().get(0);
    assertThat(request.path()).isEqualTo("/repos/acme/widgets/pulls");
    assertThat(request.params().get("state")).isEqualTo("open");
    assertThat(request.params().get("sort")).isEqualTo("updated");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void labelsDraftsStateAndAuthorFilter() throws Exception {
    github.addPull("one", "", "b1", "main", "bug");
    github.addPull("two", "", "b2", "main", "bug", "wip");
    github.addPull("three", "", "b3", "main", "bug");
    github.editPull(3, p -> p.put("draft", true));
    github.addPull("four", "", "b4", "main");
    github.addPull("five", "", "b5", "main", "bug");
    github.editPull(5, p -> p.getJsonObject("user").put("login", "hubot"));
    github.role("hubot", "write");
    github.addPull("six", "", "b6", "main", "bug");
    github.editPull(6, p -> p.put("state", "closed").put("merged_at", "2026-01-05T10:00:00Z"));

    assertThat(numbers(GitHubIssuesSourceTest.poll(open(Map.of("labels", List.of("bug"))))))
        .containsExactlyInAnyOrder(1L, 2L, 3L, 5L);
    assertThat(
            numbers(
                GitHubIssuesSourceTest.poll(
                    open(
                        Map.of(
                            "labels", List.of("bug"),
                            "excludeLabels", List.of("wip"),
                            "draft", false)))))
        .containsExactlyInAnyOrder(1L, 5L);
    assertThat(numbers(GitHubIssuesSourceTest.poll(open(Map.of("draft", true)))))
        .containsExactly(3L);
    assertThat(numbers(GitHubIssuesSourceTest.poll(open(Map.of("author", "HuBot")))))
        .containsExactly(5L);
    List<WorkItem> closed = GitHubIssuesSourceTest.poll(open(Map.of("state", "closed")));
    assertThat(numbers(closed)).containsExactly(6L);
    assertThat(closed.get(0).extra()).containsEntry("State", "merged");
  }

  @Test
  void reviewStateFollowsEachReviewersLatestReview() throws Exception {
    github.addPull("approved", "", "a", "main");
    github.review(1, "alice", "CHANGES_REQUESTED");
    github.review(1, "alice", "APPROVED");
    github.review(1, "bob", "COMMENTED");
    github.addPull("changes requested", "", "c", "main");
    github.review(2, "alice", "APPROVED");
    github.review(2, "bob", "CHANGES_REQUESTED");
    github.addPull("dismissed", "", "d", "main");
    github.review(3, "bob", "CHANGES_REQUESTED");
    github.review(3, "bob", "DISMISSED");
    github.addPull("unreviewed", "", "u", "main");

    WorkSource approved = open(Map.of("reviewState", "approved"));
    assertThat(numbers(GitHubIssuesSourceTest.poll(approved))).containsExactly(1L);
    assertThat(
            numbers(GitHubIssuesSourceTest.poll(open(Map.of("reviewState", "changes_requested")))))
        .containsExactly(2L);
    assertThat(numbers(GitHubIssuesSourceTest.poll(open(Map.of("reviewState", "none")))))
        .containsExactlyInAnyOrder(3L, 4L);

    // Reviews are asked for again only for a pull request that changed.
    github.clearRequests();
    assertThat(numbers(GitHubIssuesSourceTest.poll(approved))).containsExactly(1L);
    assertThat(github.requests())
        .extracting(ScriptedGitHub.Recorded::path)
        .containsExactly("/repos/acme/widgets/pulls");
    github.review(4, "alice", "APPROVED");
    github.clearRequests();
    assertThat(numbers(GitHubIssuesSourceTest.poll(approved))).containsExactlyInAnyOrder(4L, 1L);
    assertThat(github.requests())
        .extracting(ScriptedGitHub.Recorded::path)
        .containsExactly("/repos/acme/widgets/pulls", "/repos/acme/widgets/pulls/4/reviews");
  }

  @Test
  void forksAndStrangersAreSkippedWithTheReason() throws Exception {
    github.addForkPull("mallory/widgets", "From a fork", "", "patch-1");
    github.addPull("By a stranger", "", "s", "main");
    github.editPull(2, p -> p.getJsonObject("user").put("login", "stranger"));
    github.addPull("Ours", "", "o", "main");

    WorkSource source = open(Map.of());
    assertThat(numbers(GitHubIssuesSourceTest.poll(source))).containsExactly(3L);
    assertThat(source.lastSkipped())
        .extracting(s -> s.item().number(), SkippedItem::reason)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                1L,
                "it comes from the fork mallory/widgets: its branch patch-1 is not in"
                    + " acme/widgets, where the Task works"),
            org.assertj.core.groups.Tuple.tuple(
                2L,
                "author stranger has none permission on the repository, below"
                    + " minimumPermission write, and is not in allowedAuthors"));
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> open(Map.of("state", "merged")))
        .isInstanceOf(WorkSourceException.class)
        .hasMessage("githubPullRequests.state is 'merged': use open, closed or all (default open)");
    assertThatThrownBy(() -> open(Map.of("draft", "maybe")))
        .hasMessageContaining("githubPullRequests.draft is 'maybe'");
    assertThatThrownBy(() -> open(Map.of("reviewState", "lgtm")))
        .hasMessageContaining("reviewState is 'lgtm'");
  }
}
