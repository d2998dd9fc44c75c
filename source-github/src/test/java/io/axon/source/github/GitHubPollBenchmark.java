package io.axon.source.github;

import io.axon.spi.source.PollStats;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSource;
import io.axon.spi.source.WorkSourceConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What polling costs in requests: 250 matching issues (plus pull requests and excluded issues that
 * GitHub also lists), against the scripted GitHub on loopback. Run with:
 *
 * <pre>
 * ./mvnw -q -pl source-github test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.axon.source.github.GitHubPollBenchmark
 * </pre>
 */
public final class GitHubPollBenchmark {

  private static final int ISSUES = 250;
  private static final int PULL_REQUESTS = 20;
  private static final int EXCLUDED = 15;
  private static final int OTHER_LABELS = 30;

  private GitHubPollBenchmark() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    ScriptedGitHub github = ScriptedGitHub.start(vertx, "acme", "widgets");
    for (int n = 1; n <= ISSUES; n++) {
      github.addIssue("Issue " + n, "Body of issue " + n, "agent");
      if (n % (ISSUES / PULL_REQUESTS) == 0) {
        github.addPullRequest("PR for " + n, "agent");
      }
      if (n % (ISSUES / EXCLUDED) == 0) {
        github.addIssue("Waiting on a human " + n, "b", "agent", "axon/needs-input");
      }
      if (n % (ISSUES / OTHER_LABELS) == 0) {
        github.addIssue("Not for agents " + n, "b", "question");
      }
    }
    Map<String, Object> settings =
        Map.of(
            "labels", List.of("agent"),
            "excludeLabels", List.of("axon/needs-input"),
            "apiBaseURL", github.baseURL());
    MutableClock clock = new MutableClock(Instant.now());
    WorkSource source =
        new GitHubIssuesSourceProvider(clock)
            .open(
                new WorkSourceConfig(
                    settings,
                    "https://github.com/acme/widgets",
                    Optional.of("ghp_benchmark"),
                    GitHubIssuesSourceTest.hostWith(vertx)));
    try {
      System.out.printf(
          "GitHub polling: %d matching issues, %d PRs and %d excluded issues also listed by"
              + " GitHub, per_page=100%n%n",
          ISSUES, PULL_REQUESTS, EXCLUDED);
      System.out.printf("%-48s %8s %6s %6s %6s%n", "poll", "requests", "200", "304", "items");
      report("first poll", source, github);
      report("unchanged poll", source, github);
      github.edit(1, i -> i.put("title", "Issue 1, reworded"));
      report("oldest issue edited (it was on the last page)", source, github);
      report("unchanged again", source, github);
      github.edit(ISSUES, i -> i.put("body", "more details"));
      github.edit(ISSUES, i -> i.put("body", "even more details"));
      report("newest issue edited (already first)", source, github);
      github.addIssue("Brand new", "b", "agent");
      report("one new issue", source, github);
      github.edit(ISSUES / 2, i -> i.put("state", "closed"));
      report("an issue on page two closed (page one unchanged)", source, github);
      clock.advance(GitHubIssuesSource.FULL_WALK_EVERY);
      report("30 minutes later: every page asked again", source, github);

    } finally {
      source.close();
      github.close();
      vertx.close().await(Duration.ofSeconds(10));
    }
  }

  private static List<WorkItem> poll(WorkSource source) throws Exception {
    return source.poll().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void report(String label, WorkSource source, ScriptedGitHub github)
      throws Exception {
    github.clearRequests();
    List<WorkItem> items = poll(source);
    PollStats stats = source.lastPollStats();
    long ok = github.requests().stream().filter(r -> r.status() == 200).count();
    long notModified = github.requests().stream().filter(r -> r.status() == 304).count();
    if (stats.requests() != github.requestCount() || stats.notModified() != notModified) {
      throw new IllegalStateException("the source's statistics disagree with the server's count");
    }
    System.out.printf(
        "%-48s %8d %6d %6d %6d%n", label, stats.requests(), ok, notModified, items.size());
  }
}
