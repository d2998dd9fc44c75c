package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code git} through the gateway to a loopback git host ({@code git http-backend}): the
 * clone holds only the per-Task token, the host sees only the real one, and a push lands only on
 * the Task's own branches; any other is refused with the gateway's reason in git's own output.
 */
class GitPushThroughGatewayTest {
  static final String TASK = "fix-42";
  static final String REAL_TOKEN = "ghp_real-git-token";
  static final String TASK_TOKEN = GatewayToken.mint("team-a", TASK).value();

  @TempDir static Path dir;
  static Vertx vertx;
  static GitHost host;
  static GatewayServer gateway;
  static RecordingAudit audit = new RecordingAudit();
  static GitCommand git;
  static Path clone;

  @BeforeAll
  static void setUp() throws Exception {
    git = new GitCommand(Files.createDirectories(dir.resolve("home")));
    Path repos = Files.createDirectories(dir.resolve("repos"));
    Path seed = Files.createDirectories(dir.resolve("seed"));
    git.ok(seed, "init", "-q", "-b", "main");
    Files.writeString(seed.resolve("README.md"), "hello\n");
    git.ok(seed, "add", ".");
    git.ok(seed, "commit", "-qm", "first");
    git.ok(repos, "clone", "-q", "--bare", seed.toString(), "repo.git");
    host = new GitHost(repos, REAL_TOKEN);

    vertx = Vertx.vertx();
    URI repo = URI.create("http://127.0.0.1:" + host.port() + "/repo.git");
    TaskGrant grant =
        new TaskGrant(
            "team-a",
            TASK,
            false,
            "unused",
            Optional.of(REAL_TOKEN),
            Optional.of(repo),
            GitPushRule.forTask(TASK),
            EgressRule.parse(List.of()),
            Set.of(),
            ModelProvider.ANTHROPIC,
            new GitTokenScope("gh", List.of("127.0.0.1")));
    gateway =
        new GatewayServer(
            vertx,
            GatewaySettings.fromJson(new JsonObject().put("host", "127.0.0.1").put("port", 0)),
            new StaticGrants().put(TASK_TOKEN, grant),
            audit);
    int port = gateway.start().await();
    String remote =
        GatewayUrls.gitRemote("http://127.0.0.1:" + port, repo.toString()).orElseThrow();
    clone = dir.resolve("clone");
    // As the pod's clone step does: a credential helper that answers with the per-Task token.
    String helper =
        "!f() { test \"$1\" = get || exit 0; echo username=x-access-token; echo password="
            + TASK_TOKEN
            + "; }; f";
    git.ok(dir, "-c", "credential.helper=" + helper, "clone", "-q", remote, clone.toString());
    git.ok(clone, "config", "credential.helper", helper);
  }

  @AfterAll
  static void tearDown() {
    gateway.close().await();
    vertx.close().await();
    host.close();
  }

  @Test
  void theCloneHoldsNoRealTokenAndTheHostSeesNoTaskToken() throws Exception {
    assertThat(Files.readString(clone.resolve("README.md"))).isEqualTo("hello\n");
    String config = Files.readString(clone.resolve(".git/config"));
    assertThat(config).doesNotContain(REAL_TOKEN);
    String hostSaw = String.join("\n", host.authorizations());
    assertThat(hostSaw).doesNotContain(TASK_TOKEN);
    assertThat(host.authorizations()).contains(TokenHeaders.basic("x-access-token", REAL_TOKEN));
  }

  @Test
  void aPushToTheTasksOwnBranchLands() throws Exception {
    commit("work.txt");
    // Branches below axon/<task> are allowed too (GitPushRuleTest), but git cannot hold both
    // axon/<task> and axon/<task>/x, so this repository holds only the default one.
    git.ok(clone, "push", "origin", "HEAD:refs/heads/axon/" + TASK);
    Path check = dir.resolve("repos/repo.git");
    assertThat(upstreamBranch("axon/" + TASK)).contains("work.txt");
    assertThat(git.ok(check, "branch", "--list").output()).contains("axon/" + TASK);
  }

  @Test
  void aPushToMainIsRefusedWithTheReasonInGitsOutput() throws Exception {
    commit("main.txt");
    GitCommand.Result push = git.run(clone, "push", "origin", "HEAD:refs/heads/main");
    assertThat(push.exit()).isNotZero();
    assertThat(push.output())
        .contains("[remote rejected]")
        .contains("axon gateway: this Task may push only to axon/" + TASK);
    assertThat(upstreamBranch("main")).doesNotContain("main.txt");
    assertThat(audit.refusals()).anyMatch(r -> r.contains("refs/heads/main"));
  }

  @Test
  void aPushToAnotherBranchIsRefused() throws Exception {
    commit("other.txt");
    GitCommand.Result push = git.run(clone, "push", "origin", "HEAD:refs/heads/axon/fix-43");
    assertThat(push.exit()).isNotZero();
    assertThat(push.output()).contains("axon gateway: this Task may push only to axon/" + TASK);
    GitCommand.Result sibling =
        git.run(clone, "push", "origin", "HEAD:refs/heads/axon/" + TASK + "-x");
    assertThat(sibling.exit()).isNotZero();
  }

  @Test
  void aTagIsRefused() throws Exception {
    git.ok(clone, "tag", "v1");
    GitCommand.Result push = git.run(clone, "push", "origin", "refs/tags/v1");
    assertThat(push.exit()).isNotZero();
    assertThat(push.output()).contains("axon gateway: this Task may not push tags");
    assertThat(git.ok(dir.resolve("repos/repo.git"), "tag", "--list").output()).isBlank();
  }

  @Test
  void aDeleteOfItsOwnBranchIsRefused() throws Exception {
    commit("to-delete.txt");
    git.ok(clone, "push", "origin", "HEAD:refs/heads/axon/" + TASK);
    GitCommand.Result push = git.run(clone, "push", "origin", ":refs/heads/axon/" + TASK);
    assertThat(push.exit()).isNotZero();
    assertThat(push.output()).contains("axon gateway: this Task may not delete branches");
  }

  @Test
  void aMixedPushIsRefusedWhole() throws Exception {
    commit("mixed.txt");
    GitCommand.Result push =
        git.run(
            clone,
            "push",
            "origin",
            "HEAD:refs/heads/axon/" + TASK + "/mixed",
            "HEAD:refs/heads/main");
    assertThat(push.exit()).isNotZero();
    assertThat(push.output()).contains("another ref in this push was refused");
    assertThat(git.ok(dir.resolve("repos/repo.git"), "branch", "--list").output())
        .doesNotContain("mixed");
  }

  @Test
  void aWrongTokenIsRefused() throws Exception {
    Path other = dir.resolve("stranger");
    String remote = GatewayUrls.gitRemote("http://127.0.0.1:1", "x").orElse("");
    assertThat(remote).isEmpty();
    String helper = "!f() { echo username=x; echo password=" + REAL_TOKEN + "; }; f";
    String url = git.ok(clone, "remote", "get-url", "origin").output().strip();
    GitCommand.Result result =
        git.run(dir, "-c", "credential.helper=" + helper, "clone", "-q", url, other.toString());
    assertThat(result.exit()).isNotZero();
    assertThat(result.output()).containsIgnoringCase("Authentication failed");
  }

  private static synchronized void commit(String file) throws Exception {
    Files.writeString(clone.resolve(file), file + "\n");
    git.ok(clone, "add", file);
    git.ok(clone, "commit", "-qm", "add " + file);
  }

  private static String upstreamBranch(String branch) throws Exception {
    return git.ok(dir.resolve("repos/repo.git"), "ls-tree", "-r", "--name-only", branch).output();
  }
}
