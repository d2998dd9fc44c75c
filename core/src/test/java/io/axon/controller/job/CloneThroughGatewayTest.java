package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitHttpServer;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.Fixtures;
import io.axon.gateway.EgressRule;
import io.axon.gateway.GatewayAudit;
import io.axon.gateway.GatewayServer;
import io.axon.gateway.GatewaySettings;
import io.axon.gateway.GatewayToken;
import io.axon.gateway.GitPushRule;
import io.axon.gateway.GitTokenScope;
import io.axon.gateway.ModelProvider;
import io.axon.gateway.StaticGrants;
import io.axon.gateway.TaskGrant;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pod's own clone step (the clone container's command and env, as the Job has them with the
 * gateway on) clones through the gateway with the per-Task token and leaves {@code origin} on
 * {@code GH_HOST}, and the agent's git (its container's env) then pushes its branch through the
 * gateway as its proxy; the git host sees only the real token.
 */
class CloneThroughGatewayTest {
  static final String REAL = "ghp_real_workspace_token";
  final String token = GatewayToken.mint(Fixtures.NAMESPACE, "t").value();

  @TempDir Path tmp;
  GitHttpServer host;
  Vertx vertx;
  GatewayServer gateway;
  String gatewayUrl;
  Path home;
  Map<String, String> agentEnv = Map.of();

  @BeforeEach
  void start() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source"));
    git(source, "init", "-q", "-b", "main");
    Files.writeString(source.resolve("README.md"), "hello\n");
    git(source, "add", ".");
    git(
        source,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@axon.invalid",
        "commit",
        "-q",
        "-m",
        "first");
    Path served = Files.createDirectories(tmp.resolve("served"));
    git(
        tmp,
        "clone",
        "-q",
        "--bare",
        source.toString(),
        served.resolve("acme/widgets.git").toString());
    host = new GitHttpServer(served, REAL);
    home = Files.createDirectories(tmp.resolve("home"));
    vertx = Vertx.vertx();
    TaskGrant grant =
        new TaskGrant(
            Fixtures.NAMESPACE,
            "t",
            true,
            "unused",
            Optional.of(REAL),
            Optional.of(URI.create(host.url("acme/widgets.git"))),
            GitPushRule.forTask("t"),
            EgressRule.parse(List.of()),
            Set.of(),
            ModelProvider.ANTHROPIC,
            new GitTokenScope("gh", List.of("127.0.0.1")));
    gateway =
        new GatewayServer(
            vertx,
            GatewaySettings.fromJson(new JsonObject().put("host", "127.0.0.1").put("port", 0)),
            new StaticGrants().put(token, grant),
            GatewayAudit.NONE);
    gatewayUrl = "http://127.0.0.1:" + gateway.start().await();
  }

  @AfterEach
  void stop() {
    gateway.close().await();
    vertx.close().await();
    host.close();
  }

  @Test
  void thePodsCloneStepAndTheAgentsPushGoThroughTheGateway() throws Exception {
    Workspace workspace = Fixtures.workspace("widgets");
    workspace.getSpec().setRepo(host.url("acme/widgets.git"));
    workspace.getSpec().setRef(null);
    var job =
        new AgentJobBuilder(AgentPodSettings.DEFAULTS, Optional.of(gatewayUrl))
            .build(
                Fixtures.taskWithWorkspace("t", "widgets"),
                Optional.of(workspace),
                Fixtures.claudeLike());
    Container clone = job.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    ProcessBuilder builder = new ProcessBuilder(clone.getCommand());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    for (EnvVar var : clone.getEnv()) {
      builder.environment().put(var.getName(), var.getValueFrom() != null ? token : var.getValue());
    }
    Path repo = tmp.resolve("workspace/repo");
    builder.environment().put("AXON_REPO_DIR", repo.toString());
    builder.environment().put("HOME", home.toString());
    Result cloned = run(builder);
    assertThat(cloned.exit()).as(cloned.output()).isZero();
    assertThat(Files.readString(repo.resolve("README.md"))).isEqualTo("hello\n");
    // origin is where gh looks for it; the agent's git reaches it with the gateway as its proxy.
    assertThat(git(repo, "remote", "get-url", "origin"))
        .isEqualTo("http://github.localhost/acme/widgets.git");
    agentEnv = agentEnv(job.getSpec().getTemplate().getSpec().getContainers().get(0));

    Files.writeString(repo.resolve("work.txt"), "work\n");
    assertThat(agentGit(repo, "add", "work.txt").exit()).isZero();
    assertThat(
            agentGit(
                    repo,
                    "-c",
                    "user.name=a",
                    "-c",
                    "user.email=a@axon.invalid",
                    "commit",
                    "-qm",
                    "work")
                .exit())
        .isZero();
    Result own = agentGit(repo, "push", "origin", "HEAD:refs/heads/axon/t");
    assertThat(own.exit()).as(own.output()).isZero();
    Result main = agentGit(repo, "push", "origin", "HEAD:refs/heads/main");
    assertThat(main.exit()).isNotZero();
    assertThat(main.output()).contains("axon gateway: this Task may push only to axon/t");

    assertThat(host.credentialsReceived())
        .isNotEmpty()
        .allMatch(c -> c.equals("x-access-token:" + REAL));
    assertThat(Files.readString(repo.resolve(".git/config"))).doesNotContain(REAL);
  }

  record Result(int exit, String output) {}

  private Result agentGit(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(agentEnv);
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    return run(builder);
  }

  /** The agent container's git and proxy variables, the token in, as kubelet expands them. */
  private Map<String, String> agentEnv(Container agent) {
    Map<String, String> env = new HashMap<>();
    for (EnvVar var : agent.getEnv()) {
      if (var.getName().startsWith("GIT_CONFIG_") || var.getName().equals("GITHUB_TOKEN")) {
        String value = var.getValueFrom() != null ? token : var.getValue();
        env.put(var.getName(), value.replace("$(AXON_GATEWAY_TOKEN)", token));
      }
    }
    assertThat(env).containsKeys("GIT_CONFIG_COUNT", "GIT_CONFIG_VALUE_0");
    return env;
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Result result = run(new ProcessBuilder(command));
    assertThat(result.exit()).as(result.output()).isZero();
    return result.output().strip();
  }

  private static Result run(ProcessBuilder builder) throws Exception {
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }
}
