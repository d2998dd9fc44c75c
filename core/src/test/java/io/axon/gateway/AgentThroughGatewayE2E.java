package io.axon.gateway;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.ClaudeCodeCli;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The genuine Claude Code CLI (pinned) working through the gateway, as in a pod with {@code
 * gateway.enabled}: its environment holds only the per-Task token, the scripted model server sees
 * only the real key, its clone and push go through the gateway to a loopback git host, and its push
 * to {@code main} is refused with the gateway's reason in the agent's own tool output.
 */
class AgentThroughGatewayE2E {
  static final String TASK = "agent-task";
  static final String REAL_KEY = "sk-ant-api03-real-key-never-in-the-sandbox";
  static final String REAL_GIT = "ghp_real_git_token_never_in_the_sandbox";

  @TempDir Path dir;

  @Test
  void theAgentRunsWithOnlyItsTokenAndPushesOnlyItsBranch() throws Exception {
    GitCommand git = new GitCommand(Files.createDirectories(dir.resolve("home")));
    Path repos = Files.createDirectories(dir.resolve("repos"));
    Path seed = Files.createDirectories(dir.resolve("seed"));
    git.ok(seed, "init", "-q", "-b", "main");
    Files.writeString(seed.resolve("README.md"), "hello\n");
    git.ok(seed, "add", ".");
    git.ok(seed, "commit", "-qm", "first");
    git.ok(repos, "clone", "-q", "--bare", seed.toString(), "repo.git");
    Path out = Files.createDirectories(dir.resolve("out"));
    String token = GatewayToken.mint("team-a", TASK).value();
    String command =
        String.join(
            "; ",
            "env > " + out.resolve("env.txt"),
            "echo work > work.txt && git add work.txt && git commit -qm 'Add work'",
            "git push origin HEAD:refs/heads/axon/"
                + TASK
                + " > "
                + out.resolve("own.txt")
                + " 2>&1",
            "git push origin HEAD:refs/heads/main > " + out.resolve("main.txt") + " 2>&1",
            "true");
    Vertx vertx = Vertx.vertx();
    try (GitHost host = new GitHost(repos, REAL_GIT);
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(
                message(text("Committing and pushing."), bash(command)), say("Pushed."))) {
      URI repo = URI.create("http://127.0.0.1:" + host.port() + "/repo.git");
      TaskGrant grant =
          new TaskGrant(
              "team-a",
              TASK,
              false,
              REAL_KEY,
              Optional.of(REAL_GIT),
              Optional.of(repo),
              GitPushRule.forTask(TASK),
              EgressRule.parse(List.of()),
              Set.of(),
              ModelProvider.ANTHROPIC,
              new GitTokenScope("gh", List.of("127.0.0.1")));
      RecordingAudit audit = new RecordingAudit();
      GatewayServer gateway =
          new GatewayServer(
              vertx,
              GatewaySettings.fromJson(
                  new JsonObject()
                      .put("host", "127.0.0.1")
                      .put("port", 0)
                      .put("modelBaseURL", model.baseUrl())),
              new StaticGrants().put(token, grant),
              audit);
      String base = "http://127.0.0.1:" + gateway.start().await();

      // The clone step, as the pod's: the token is git's password for the gateway only.
      Path clone = dir.resolve("workspace");
      String helper =
          "!f() { test \"$1\" = get || exit 0; echo username=x-access-token; echo password=$GITHUB_TOKEN; }; f";
      Map<String, String> env = agentEnv(base, token);
      run(
          dir,
          env,
          List.of(
              "git",
              "-c",
              "credential.helper=" + helper,
              "clone",
              "-q",
              GatewayUrls.gitRemote(base, repo.toString()).orElseThrow(),
              clone.toString()));
      run(clone, env, List.of("git", "config", "credential.helper", helper));

      Result agent =
          run(
              clone,
              env,
              List.of(
                  ClaudeCodeCli.executable().toString(),
                  "-p",
                  "Commit work.txt and push it.",
                  "--output-format",
                  "stream-json",
                  "--verbose",
                  "--dangerously-skip-permissions",
                  "--no-session-persistence"));
      List<String> lines = agent.output().lines().toList();
      assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"result\"").contains("Pushed.");
      assertThat(lines.get(lines.size() - 1)).contains("\"is_error\":false");

      String agentEnv = Files.readString(out.resolve("env.txt"));
      assertThat(agentEnv).contains(token).doesNotContain(REAL_KEY).doesNotContain(REAL_GIT);
      assertThat(model.requests()).isNotEmpty();
      for (ScriptedAnthropicServer.Request request : model.requests()) {
        assertThat(header(request, "x-api-key")).isEqualTo(REAL_KEY);
        assertThat(request.headers().toString()).doesNotContain(token);
      }

      assertThat(Files.readString(out.resolve("own.txt"))).doesNotContain("rejected");
      assertThat(
              git.ok(repos.resolve("repo.git"), "log", "-1", "--format=%s", "axon/" + TASK)
                  .output())
          .contains("Add work");
      assertThat(Files.readString(out.resolve("main.txt")))
          .contains("[remote rejected]")
          .contains("axon gateway: this Task may push only to axon/" + TASK);
      assertThat(git.ok(repos.resolve("repo.git"), "log", "-1", "--format=%s", "main").output())
          .contains("first");
      assertThat(host.authorizations()).noneMatch(a -> a.contains(token));
      assertThat(audit.refusals()).singleElement().asString().contains("refs/heads/main");
      gateway.close().await();
    } finally {
      vertx.close().await();
    }
  }

  private Map<String, String> agentEnv(String gateway, String token) throws Exception {
    Path home = Files.createDirectories(dir.resolve("agent-home"));
    Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", home.toString());
    env.put("ANTHROPIC_BASE_URL", GatewayUrls.modelBase(gateway));
    env.put("ANTHROPIC_API_KEY", token);
    env.put("GITHUB_TOKEN", token);
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "Agent");
    env.put("GIT_AUTHOR_EMAIL", "agent@axon.invalid");
    env.put("GIT_COMMITTER_NAME", "Agent");
    env.put("GIT_COMMITTER_EMAIL", "agent@axon.invalid");
    env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    env.put("DISABLE_TELEMETRY", "1");
    env.put("DISABLE_AUTOUPDATER", "1");
    env.put("DISABLE_ERROR_REPORTING", "1");
    env.put("CLAUDE_CODE_MAX_RETRIES", "1");
    env.put("IS_SANDBOX", "1"); // the test may run as root
    return env;
  }

  record Result(int exit, String output) {}

  private static Result run(Path cwd, Map<String, String> env, List<String> argv) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(argv)).directory(cwd.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = pb.start();
    byte[] bytes = process.getInputStream().readAllBytes();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(argv.get(0) + " did not finish");
    }
    String output = new String(bytes, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new AssertionError(argv + " exited " + process.exitValue() + ":\n" + output);
    }
    return new Result(process.exitValue(), output);
  }

  private static String header(ScriptedAnthropicServer.Request request, String name) {
    return request.headers().entrySet().stream()
        .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
        .map(e -> e.getValue().get(0))
        .findFirst()
        .orElse(null);
  }
}
