package io.axon.cli.local;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitHttpServer;
import io.axon.agent.testing.ScriptedAnthropicServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a sandboxed local run of a repository over HTTP, git reaches that repository only through the
 * in-process gateway: a fetch passes, a push is refused with the gateway's reason in git's output
 * and never reaches the host, another repository on the same host is refused, and the host is not
 * reachable directly; the kept clone's {@code origin} is still the repository's own URL. Real git,
 * real {@code git http-backend} on loopback, the genuine Claude Code CLI in bubblewrap.
 */
class LocalRunGitGoesThroughTheGatewayFetchOnlyE2E {
  static final String REAL_KEY = "sk-ant-api03-local-git-key";

  @TempDir Path repos;
  GitHttpServer host;
  String mainBefore;

  @BeforeEach
  void serveTwoRepositories() throws Exception {
    Path seed = repos.resolve("seed");
    Files.createDirectories(seed);
    git(seed, "init", "--quiet", "--initial-branch=main");
    Files.writeString(seed.resolve("README.md"), "widgets\n");
    git(seed, "add", ".");
    git(seed, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "first");
    git(repos, "clone", "--quiet", "--bare", seed.toString(), "widgets.git");
    git(repos, "clone", "--quiet", "--bare", seed.toString(), "other.git");
    mainBefore = git(repos.resolve("widgets.git"), "rev-parse", "main");
    host = GitHttpServer.anonymous(repos);
  }

  @AfterEach
  void stopHost() {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void fetchPassesPushAndOtherRepositoriesAreRefused() throws Exception {
    String other = host.url("other.git");
    String probe =
        String.join(
            "; ",
            "git fetch origin 2>&1 && echo FETCH-OK",
            "git commit --allow-empty -qm agent",
            "git push origin HEAD:refs/heads/main 2>&1; echo PUSH-EXIT=$?",
            "gw=${ANTHROPIC_BASE_URL%/anthropic}",
            "git ls-remote \"$gw/git/" + other.substring("http://".length()) + "\" 2>&1",
            "echo OTHER-VIA-GATEWAY=$?",
            "git ls-remote " + other + " 2>&1; echo OTHER-DIRECT=$?");
    try (ScriptedAnthropicServer server =
            ScriptedAnthropicServer.start(message(bash(probe)), say("Done."));
        LocalRunFixture run = new LocalRunFixture()) {
      LocalRunner.Options base =
          LocalRunFixture.options(server, "Try the remote.", Optional.of(host.url("widgets.git")));
      LocalRunner.Options options =
          LocalRunFixture.withCredential(base, Map.of("ANTHROPIC_API_KEY", REAL_KEY));

      int status = run.run(options);

      assertThat(status).as(run.errors()).isZero();
      assertThat(server.requests()).hasSize(2);
      String seen = server.requests().get(1).body().toString();
      assertThat(seen).contains("FETCH-OK");
      assertThat(seen)
          .contains(
              "axon gateway: nothing may be pushed from here; the commits stay in the workspace");
      assertThat(seen).doesNotContain("PUSH-EXIT=0");
      assertThat(seen)
          .contains("axon gateway: this Task may reach only its Workspace's repository");
      assertThat(seen).doesNotContain("OTHER-VIA-GATEWAY=0").doesNotContain("OTHER-DIRECT=0");
      assertThat(seen).doesNotContain(REAL_KEY);
      assertThat(host.requestsReceived())
          .as("what reached the repository host")
          .noneMatch(r -> r.contains("git-receive-pack"))
          .noneMatch(r -> r.contains("/other.git"))
          .filteredOn(r -> r.equals("GET /widgets.git/info/refs"))
          .as("the clone's and the agent's fetch")
          .hasSizeGreaterThanOrEqualTo(2);
      assertThat(git(repos.resolve("widgets.git"), "rev-parse", "main")).isEqualTo(mainBefore);
      Path kept = run.workspace().orElseThrow();
      assertThat(git(kept, "remote", "get-url", "origin")).isEqualTo(host.url("widgets.git"));
    }
  }

  private static String git(Path dir, String... args) throws Exception {
    return Git.run(dir, args).strip();
  }
}
