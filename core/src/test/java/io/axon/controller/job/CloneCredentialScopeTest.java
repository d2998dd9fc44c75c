package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitHttpServer;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clone step as the Job runs it (the builder's env, the real script, real git) against two git
 * servers on loopback: the Workspace's and another one. Checks which credentials each got.
 */
class CloneCredentialScopeTest {
  private static final String TOKEN = "ghp_workspaceT0kenValue0123456789";

  @TempDir Path tmp;
  private GitHttpServer workspaceHost;
  private GitHttpServer otherHost;
  private Path home;

  @BeforeEach
  void startServers() throws Exception {
    Path served = tmp.resolve("served");
    Path source = tmp.resolve("source");
    Files.createDirectories(source);
    git(source, "init", "-q", "-b", "main");
    Files.writeString(source.resolve("README.md"), "hello\n");
    git(source, "add", ".");
    git(source, "commit", "-q", "-m", "first");
    Files.createDirectories(served);
    git(tmp, "clone", "-q", "--bare", source.toString(), served.resolve("widgets.git").toString());
    git(tmp, "clone", "-q", "--bare", source.toString(), served.resolve("other.git").toString());
    workspaceHost = new GitHttpServer(served, TOKEN);
    otherHost = new GitHttpServer(served, "a-password-nobody-has");
    home = tmp.resolve("home");
    Files.createDirectories(home);
  }

  @AfterEach
  void stopServers() {
    workspaceHost.close();
    otherHost.close();
  }

  @Test
  void theTokenGoesToTheWorkspaceHostOnlyAndStaysInTheClonedRepository() throws Exception {
    Result clone = runClone(workspace(workspaceHost.url("widgets.git"), true));

    assertThat(clone.exit()).as(clone.output()).isZero();
    assertThat(workspaceHost.credentialsReceived())
        .isNotEmpty()
        .allMatch(c -> c.equals("x-access-token:" + TOKEN));

    // The agent's git, in the clone and elsewhere, with the same HOME and token.
    Path repo = tmp.resolve("workspace/repo");
    assertThat(agentGit(repo, "ls-remote", otherHost.url("other.git")).exit()).isNotZero();
    assertThat(agentGit(tmp, "ls-remote", otherHost.url("other.git")).exit()).isNotZero();
    assertThat(otherHost.credentialsReceived()).isEmpty();
    // Its pushes and fetches to the Workspace's own host still authenticate.
    assertThat(agentGit(repo, "fetch", "origin").exit()).isZero();
    assertThat(
            Files.exists(home.resolve(".gitconfig"))
                ? Files.readString(home.resolve(".gitconfig"))
                : "")
        .doesNotContain("credential");
  }

  @Test
  void plainHttpGetsNoTokenUnlessTheWorkspaceAllowsIt() throws Exception {
    Result clone = runClone(workspace(workspaceHost.url("widgets.git"), false));

    assertThat(clone.exit()).isNotZero();
    assertThat(clone.output())
        .contains("not sent to 127.0.0.1 over plain http://")
        .contains("spec.allowTokenOverHTTP: true")
        .doesNotContain(TOKEN);
    assertThat(workspaceHost.credentialsReceived()).isEmpty();
  }

  private static Workspace workspace(String repo, boolean allowTokenOverHTTP) {
    Workspace workspace = Fixtures.workspace("widgets");
    workspace.getSpec().setRepo(repo);
    workspace.getSpec().setRef(null);
    if (allowTokenOverHTTP) {
      workspace.getSpec().setAllowTokenOverHTTP(true);
    }
    return workspace;
  }

  /** Runs the clone container's command with its env, the Secret's value put where it points. */
  private Result runClone(Workspace workspace) throws Exception {
    var job =
        new AgentJobBuilder(AgentPodSettings.DEFAULTS)
            .build(
                Fixtures.taskWithWorkspace("t", "widgets"),
                Optional.of(workspace),
                Fixtures.claudeLike());
    Container clone = job.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    ProcessBuilder builder = new ProcessBuilder(clone.getCommand());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    for (EnvVar var : clone.getEnv()) {
      String value = var.getValueFrom() != null ? TOKEN : var.getValue();
      builder.environment().put(var.getName(), value);
    }
    builder.environment().put("AXON_REPO_DIR", tmp.resolve("workspace/repo").toString());
    builder.environment().put("HOME", home.toString());
    return run(builder);
  }

  /** git as the agent container runs it: same HOME, the token in its env. */
  private Result agentGit(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("GITHUB_TOKEN", TOKEN);
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    return run(builder);
  }

  private static Result run(ProcessBuilder builder) throws Exception {
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git",
                "-C",
                dir.toString(),
                "-c",
                "user.name=T",
                "-c",
                "user.email=t@example.com"));
    command.addAll(List.of(args));
    Result result = run(new ProcessBuilder(command));
    assertThat(result.exit()).as(result.output()).isZero();
  }

  private record Result(int exit, String output) {}
}
