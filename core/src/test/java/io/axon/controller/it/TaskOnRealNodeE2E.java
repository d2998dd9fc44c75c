package io.axon.controller.it;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static io.axon.controller.it.RealNodeFixtures.MODEL_PORT_IN_POD;
import static io.axon.controller.it.RealNodeFixtures.NS;
import static io.axon.controller.it.RealNodeFixtures.awaitFinished;
import static io.axon.controller.it.RealNodeFixtures.port;
import static io.axon.controller.it.RealNodeFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitHttpServer;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.api.v1alpha1.AgentConfig;
import io.axon.api.v1alpha1.AgentConfigFile;
import io.axon.api.v1alpha1.AgentConfigSpec;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.PodOverrides;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.controller.it.RealNodeFixtures.RunningController;
import io.axon.controller.job.AgentJobBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's Workspace and Task on a real node: the controller, as the shipped RBAC identity, makes
 * a Job whose pod passes the restricted Pod Security Standard, clones over HTTP with the Workspace
 * Secret's token, runs the real Claude Code CLI from the agent image against the scripted model
 * server, pushes a branch, opens a pull request with the image's own {@code gh} over TLS on the
 * scripted GitHub (a GitHub Enterprise host whose CA the agent's AgentConfig brings), and ends the
 * Task Succeeded with the result its termination message carries, the pull request's URL included.
 */
class TaskOnRealNodeE2E {
  private static final String GITHUB_CA = ".config/axon-test/github-ca.crt";
  static RealNode node;
  @TempDir Path tmp;
  static KubernetesClient client;
  static RunningController controller;

  @BeforeAll
  static void start() {
    node = RealNode.start();
    client = node.client();
    RealNodeFixtures.agentsNamespace(node);
    controller = RealNodeFixtures.controller(node, "2Gi");
  }

  @AfterAll
  static void stop() {
    if (controller != null) {
      controller.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void theSeedsWorkspaceTaskClonesRunsTheRealCliPushesABranchOpensAPullRequestAndSucceeds()
      throws Exception {
    Path repos = tmp;
    GitRepo origin = GitRepo.create(repos.resolve("work"));
    origin.git("init", "-q", "--bare", repos.resolve("demo.git").toString());
    origin.git("push", "-q", repos.resolve("demo.git").toString(), "HEAD:refs/heads/main");
    String token = "ghp_test_" + System.nanoTime();
    String command =
        "git checkout -q -b axon/hello && echo hello > hello.txt && git add hello.txt"
            + " && git commit -q -m 'Add hello' && git push -q origin axon/hello && echo pushed-as-$(id -u)"
            + " && gh pr create --repo \"$GH_HOST/acme/demo\" --head axon/hello --base main"
            + " --title 'Add hello.txt' --body 'Says hello.'";
    try (GitHttpServer git = new GitHttpServer(repos, token);
        GitHubGraphqlServer github = new GitHubGraphqlServer(tmp, "acme", "demo", token);
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(
                message(text("Adding hello.txt on a branch."), bash(command)),
                say("Done: pushed axon/hello."))) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      node.relay(git.port(), git.port());
      node.relay(github.port(), github.port());
      RealNodeFixtures.secret(client, "git-token", "GITHUB_TOKEN", token);
      client.resource(githubEnterpriseTls(github)).create();
      client
          .resource(
              RealNodeFixtures.workspace(
                  "demo", "http://127.0.0.1:" + git.port() + "/demo.git", "main", "git-token"))
          .create();
      Task task = task("hello", "Add hello.txt on a branch and push it.");
      task.getSpec().setWorkspaceRef(new LocalObjectReference("demo"));
      task.getSpec().setAgentConfigRefs(List.of(new LocalObjectReference("github-tls")));
      task.getSpec().setPodOverrides(githubEnterpriseEnv(github));
      client.resource(task).create();

      Task done = awaitFinished(client, "hello");

      assertThat(done.getStatus().getPhase())
          .as("%s%n%s", done.getStatus(), node.logTails(15))
          .isEqualTo(TaskPhase.Succeeded);
      // The tool result the model saw: the push went through, as the image's uid.
      assertThat(model.requests()).hasSize(2);
      assertThat(RealNodeFixtures.toolResults(model.requests().get(1))).contains("pushed-as-1000");
      String pushed =
          origin.git(
              "--git-dir=" + repos.resolve("demo.git"), "rev-parse", "refs/heads/axon/hello");
      TaskResult result = done.getStatus().getResult();
      assertThat(result.getOutcome()).isEqualTo("Succeeded");
      assertThat(result.getTurns()).isEqualTo(2);
      assertThat(Double.parseDouble(result.getCostUSD())).isPositive();
      assertThat(result.getBranch()).isEqualTo("axon/hello");
      assertThat(result.getCommit()).isEqualTo(pushed);
      // gh, over TLS with the token from the Workspace's Secret, opened the PR the result names.
      assertThat(github.operations())
          .as("%s", RealNodeFixtures.toolResults(model.requests().get(1)))
          .containsExactly("RepositoryInfo", "PullRequestForBranch", "PullRequestCreate");
      assertThat(github.pulls())
          .containsExactly(
              new GitHubGraphqlServer.PullRequest(
                  "Add hello.txt",
                  "Says hello.",
                  "axon/hello",
                  "main",
                  "https://" + github.host() + "/acme/demo/pull/1"));
      assertThat(result.getPullRequestURL())
          .isEqualTo("https://" + github.host() + "/acme/demo/pull/1");
      Pod pod = client.pods().inNamespace(NS).withName(done.getStatus().getPodName()).get();
      assertThat(pod.getSpec().getNodeName()).isEqualTo(RealNode.NODE_NAME);
      String cloneLog =
          client
              .pods()
              .inNamespace(NS)
              .withName(pod.getMetadata().getName())
              .inContainer("clone")
              .getLog();
      assertThat(cloneLog).contains("cloned " + origin.git("rev-parse", "HEAD"));
    }
  }

  /**
   * The scripted GitHub's CA, as a file in the agent's HOME (what a GHE user with a private CA
   * does).
   */
  private static AgentConfig githubEnterpriseTls(GitHubGraphqlServer github) {
    AgentConfig config = new AgentConfig();
    config.setMetadata(new ObjectMetaBuilder().withName("github-tls").withNamespace(NS).build());
    AgentConfigSpec spec = new AgentConfigSpec();
    spec.setFiles(List.of(new AgentConfigFile(GITHUB_CA, github.caPem())));
    config.setSpec(spec);
    return config;
  }

  /** gh's settings for a GitHub Enterprise host: the host, its token, the CA that signed it. */
  private static PodOverrides githubEnterpriseEnv(GitHubGraphqlServer github) {
    PodOverrides overrides = new PodOverrides();
    overrides.setEnv(
        List.of(
            new EnvVarBuilder().withName("GH_HOST").withValue(github.host()).build(),
            new EnvVarBuilder()
                .withName("GH_ENTERPRISE_TOKEN")
                .withNewValueFrom()
                .withNewSecretKeyRef("GITHUB_TOKEN", "git-token", false)
                .endValueFrom()
                .build(),
            new EnvVarBuilder()
                .withName("SSL_CERT_FILE")
                .withValue(AgentJobBuilder.HOME_DIR + "/" + GITHUB_CA)
                .build(),
            new EnvVarBuilder().withName("GH_PROMPT_DISABLED").withValue("1").build()));
    return overrides;
  }
}
