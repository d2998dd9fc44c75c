package io.axon.controller.it;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static io.axon.controller.it.RealNodeFixtures.NS;
import static io.axon.controller.it.RealNodeFixtures.awaitFinished;
import static io.axon.controller.it.RealNodeFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitHttpServer;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.api.v1alpha1.Credentials;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.controller.it.RealNodeFixtures.RunningController;
import io.axon.gateway.GatewayTokenSecret;
import io.axon.gateway.KubernetesAudit;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's flow on a real node with the gateway on, the pod's one relay being the gateway's port:
 * the shipped gateway (its own JVM, its service account) forwards the real Claude Code CLI's model
 * requests, the clone and the push of {@code axon/<task>} with the real keys, refuses a push to
 * {@code main}, a host off the allowlist (a Warning Event) and holds what the pod cannot reach
 * directly, and lets the image's own {@code gh} read the repository and open the pull request on
 * the scripted GitHub over TLS; the Task Succeeds with the PR's URL and the pod never held a real
 * credential.
 */
class SeedFlowThroughGatewayOnRealNodeE2E {
  private static final String TASK = "hello";
  private static final Duration START = Duration.ofSeconds(60);

  static RealNode node;
  static KubernetesClient client;
  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    node = RealNode.start();
    client = node.client();
    RealNodeFixtures.agentsNamespace(node);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void theSeedFlowGoesThroughTheGatewayAndThePodHoldsNoRealCredential() throws Exception {
    String realModelKey = "sk-ant-real-" + HexFormat.of().toHexDigits(System.nanoTime());
    String realGitToken = "ghp_real_" + HexFormat.of().toHexDigits(System.nanoTime());
    Path repos = Files.createDirectories(tmp.resolve("repos"));
    GitRepo origin = GitRepo.create(tmp.resolve("work"));
    Path bare = repos.resolve("acme/demo.git");
    origin.git("init", "-q", "--bare", bare.toString());
    origin.git("push", "-q", bare.toString(), "HEAD:refs/heads/main");
    Path githubDir = Files.createDirectories(tmp.resolve("github"));
    try (GitHttpServer git = new GitHttpServer(repos, realGitToken);
        GitHubGraphqlServer github =
            new GitHubGraphqlServer(githubDir, "acme", "demo", realGitToken);
        ScriptedAnthropicServer model = ScriptedAnthropicServer.start(script(git.port()));
        GatewayProcess gateway =
            GatewayProcess.start(
                tmp,
                gatewayKubeconfig(),
                trustStore(githubDir),
                "modelBaseURL: %s\ngithubAPIBaseURL: https://%s/api/v3\n"
                    .formatted(model.baseUrl(), github.host()),
                START);
        RunningController controller =
            RealNodeFixtures.controller(
                node,
                "2Gi",
                new JsonObject()
                    .put(
                        "gateway",
                        new JsonObject()
                            .put("enabled", true)
                            .put("url", gateway.url())
                            .put(
                                "networkPolicy",
                                new JsonObject()
                                    .put("gatewayNamespace", RealNode.CONTROLLER_NAMESPACE))))) {
      // The pod's only way out: the model, git and GitHub servers are not relayed.
      node.relay(gateway.port, gateway.port);
      RealNodeFixtures.secret(client, "model-key", "ANTHROPIC_API_KEY", realModelKey);
      RealNodeFixtures.secret(client, "git-token", "GITHUB_TOKEN", realGitToken);
      client
          .resource(
              RealNodeFixtures.workspace(
                  "demo", "http://127.0.0.1:" + git.port() + "/acme/demo.git", "main", "git-token"))
          .create();
      Task task = task(TASK, "Add hello.txt on a branch and open a pull request.");
      task.getSpec().setCredentials(new Credentials(CredentialType.API_KEY, "model-key"));
      task.getSpec().setWorkspaceRef(new LocalObjectReference("demo"));
      client.resource(task).create();

      Task done = awaitFinished(client, TASK);

      List<ScriptedAnthropicServer.Request> requests = model.requests();
      String tools =
          requests.isEmpty() ? "" : RealNodeFixtures.toolResults(requests.get(requests.size() - 1));
      assertThat(done.getStatus().getPhase())
          .as(
              "%s%n%s%n%s%ngateway log:%n%s",
              done.getStatus(), tools, node.logTails(20), tail(gateway))
          .isEqualTo(TaskPhase.Succeeded);
      assertThat(requests).hasSize(4);
      String podToken = gatewayToken();

      // The model saw the real key on every request, never the pod's token.
      for (ScriptedAnthropicServer.Request request : requests) {
        assertThat(header(request, "x-api-key")).isEqualTo(realModelKey);
        assertThat(request.headers().toString()).doesNotContain(podToken);
      }

      // The agent's environment (its first tool call) holds the token, and no real credential.
      String environment = RealNodeFixtures.toolResults(requests.get(1));
      assertThat(environment)
          .contains("ANTHROPIC_API_KEY=" + podToken)
          .contains("GITHUB_TOKEN=" + podToken)
          .contains("ANTHROPIC_BASE_URL=" + gateway.url() + "/anthropic")
          .doesNotContain(realModelKey)
          .doesNotContain(realGitToken);
      // origin is on GH_HOST, where gh looks for it; git reaches it with the gateway as its proxy.
      assertThat(environment).contains("origin=http://github.localhost/acme/demo.git");
      // Nothing but the gateway: the git server itself is not reachable from the pod, and a host
      // off the allowlist is refused by the gateway (git's CONNECT through HTTPS_PROXY).
      assertThat(environment)
          .contains("Failed to connect to 127.0.0.1 port " + git.port())
          .contains("direct-exit-128")
          .containsPattern("CONNECT tunnel failed, response 403|Received HTTP code 403 from proxy")
          .contains("egress-exit-128");

      // Its branch went through the gateway with the real token; its push to main was refused
      // with the gateway's reason in git's own output.
      String pushes = RealNodeFixtures.toolResults(requests.get(2));
      assertThat(pushes)
          .contains("pushed-as-1000")
          .contains(
              "! [remote rejected] HEAD -> main (axon gateway: this Task may push only to axon/hello")
          .contains("main-exit-1");
      String pushed = origin.git("--git-dir=" + bare, "rev-parse", "refs/heads/axon/" + TASK);
      assertThat(origin.git("--git-dir=" + bare, "rev-parse", "refs/heads/main"))
          .isEqualTo(origin.git("rev-parse", "HEAD"));

      // gh (GH_HOST and GH_REPO from the Job): a REST read and the pull request, on the scripted
      // GitHub with the real token only.
      String gh = RealNodeFixtures.toolResults(requests.get(3));
      assertThat(gh).as(gh).contains("rest:acme/demo");
      assertThat(github.operations())
          .as(gh)
          .containsExactly(
              "GET /api/v3/repos/acme/demo",
              "RepositoryInfo",
              "PullRequestForBranch",
              "gateway: repository id",
              "PullRequestCreate");
      assertThat(github.authorizations()).allMatch(("Bearer " + realGitToken)::equals);
      String url = "https://" + github.host() + "/acme/demo/pull/1";
      assertThat(github.pulls())
          .containsExactly(
              new GitHubGraphqlServer.PullRequest(
                  "Add hello.txt", "Says hello.", "axon/" + TASK, "main", url));

      TaskResult result = done.getStatus().getResult();
      assertThat(result.getPullRequestURL()).isEqualTo(url);
      assertThat(result.getBranch()).isEqualTo("axon/" + TASK);
      assertThat(result.getCommit()).isEqualTo(pushed);

      // The refusals are counted on the Task and the egress one is a Warning Event.
      Event refused =
          Eventually.await(
              Duration.ofSeconds(30),
              "a GatewayRefused Event for the CONNECT",
              () ->
                  client.v1().events().inNamespace(NS).list().getItems().stream()
                      .filter(e -> KubernetesAudit.REASON.equals(e.getReason()))
                      .filter(e -> e.getMessage().contains("127.0.0.2:9"))
                      .findFirst()
                      .orElse(null),
              e -> true);
      assertThat(refused.getType()).isEqualTo("Warning");
      assertThat(refused.getInvolvedObject().getName()).isEqualTo(TASK);
      assertThat(refused.getMessage()).contains("CONNECT").doesNotContain(podToken);
      Task counted =
          Eventually.await(
              Duration.ofSeconds(30),
              "the Task's gateway counts",
              () -> client.resources(Task.class).inNamespace(NS).withName(TASK).get(),
              t ->
                  t.getStatus().getGateway() != null
                      && t.getStatus().getGateway().getRefused() >= 2);
      assertThat(counted.getStatus().getGateway().getAllowed()).isGreaterThanOrEqualTo(8);

      // The Job names no Secret but the token's.
      Job job =
          client.batch().v1().jobs().inNamespace(NS).withName(done.getStatus().getJobName()).get();
      assertThat(secretsNamed(job.getSpec().getTemplate().getSpec()))
          .containsExactly(GatewayTokenSecret.name(TASK));
    }
  }

  /** The scripted conversation: four tool calls, one per turn, then the agent's last word. */
  private static ModelReply[] script(int gitPort) {
    String isolation =
        "env | sort; echo origin=$(git remote get-url origin);"
            + " git ls-remote http://127.0.0.1:%d/acme/demo.git 2>&1; echo direct-exit-$?;"
                .formatted(gitPort)
            + " git ls-remote https://127.0.0.2:9/x.git 2>&1; echo egress-exit-$?";
    String work =
        "git checkout -q -b axon/hello && echo hello > hello.txt && git add hello.txt"
            + " && git commit -q -m 'Add hello' && git push -q origin axon/hello"
            + " && echo pushed-as-$(id -u); git push origin HEAD:main 2>&1; echo main-exit-$?";
    String gh =
        "gh api repos/acme/demo --jq '\"rest:\" + .full_name' 2>&1"
            // Plain: gh finds the repository and the pushed branch from origin, on GH_HOST.
            + " && gh pr create --title 'Add hello.txt' --body 'Says hello.' 2>&1";
    return new ModelReply[] {
      message(text("Checking the environment."), bash(isolation)),
      message(text("Adding hello.txt on a branch."), bash(work)),
      message(text("Opening the pull request."), bash(gh)),
      say("Done: pushed axon/hello and opened a pull request.")
    };
  }

  /** The gateway's service account and RBAC as deploy/gateway ships them, and a token for it. */
  private static Path gatewayKubeconfig() throws Exception {
    for (String file : List.of("serviceaccount.yaml", "rbac.yaml")) {
      try (InputStream in =
          Files.newInputStream(RepoPaths.root().resolve("deploy/gateway").resolve(file))) {
        for (HasMetadata item : client.load(in).items()) {
          client.resource(item).create();
        }
      }
    }
    String token =
        client
            .serviceAccounts()
            .inNamespace(RealNode.CONTROLLER_NAMESPACE)
            .withName("axon-gateway")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    return node.kubeconfigForToken("axon-gateway", token);
  }

  /** A trust store with the scripted GitHub's certificate, for the gateway's JVM. */
  private static Path trustStore(Path githubDir) {
    Path store = githubDir.resolve("trust.p12");
    Path keytool =
        Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("keytool");
    HostCommands.run(
        githubDir,
        List.of(
            keytool.toString(),
            "-importcert",
            "-noprompt",
            "-alias",
            "github",
            "-file",
            githubDir.resolve("github.crt").toString(),
            "-keystore",
            store.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            "axon-trust"));
    return store;
  }

  private static String gatewayToken() {
    String value =
        client
            .secrets()
            .inNamespace(NS)
            .withName(GatewayTokenSecret.name(TASK))
            .get()
            .getData()
            .get(GatewayTokenSecret.KEY);
    return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
  }

  private static String header(ScriptedAnthropicServer.Request request, String name) {
    return request.headers().entrySet().stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name))
        .flatMap(h -> h.getValue().stream())
        .findFirst()
        .orElse(null);
  }

  /** Every Secret the pod spec refers to, by env, envFrom or volume. */
  private static Set<String> secretsNamed(PodSpec spec) {
    Stream<Container> containers =
        Stream.concat(spec.getInitContainers().stream(), spec.getContainers().stream());
    Set<String> names =
        containers
            .flatMap(
                c ->
                    Stream.concat(
                        c.getEnv().stream()
                            .map(EnvVar::getValueFrom)
                            .filter(Objects::nonNull)
                            .map(v -> v.getSecretKeyRef())
                            .filter(Objects::nonNull)
                            .map(ref -> ref.getName()),
                        c.getEnvFrom().stream()
                            .map(e -> e.getSecretRef())
                            .filter(Objects::nonNull)
                            .map(ref -> ref.getName())))
            .collect(Collectors.toSet());
    for (Volume volume : spec.getVolumes()) {
      if (volume.getSecret() != null) {
        names.add(volume.getSecret().getSecretName());
      }
    }
    return names;
  }

  private static String tail(GatewayProcess gateway) {
    List<String> lines = gateway.logText().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
