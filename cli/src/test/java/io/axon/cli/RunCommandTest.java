package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.axon.cli.logs.LineProtocolRuntime;
import io.axon.cli.run.ManagedObjects;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class RunCommandTest {
  KubernetesClient client;
  KubernetesMockServer server;

  @TempDir Path home;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(client, home);
    controllerHoldsTheLease();
  }

  @Test
  void createsATaskFromTheConfigsApiKey() throws IOException {
    config("apiKey: sk-ant-123\nmodel: claude-sonnet-4-5-20250929\n");

    Cli.Result result = cli.run("run", "-p", "Fix the bug described in issue #42");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<Task> tasks = client.resources(Task.class).inNamespace("test").list().getItems();
    assertThat(tasks).hasSize(1);
    Task task = tasks.get(0);
    assertThat(task.getMetadata().getName()).matches("fix-the-bug-[a-z0-9]{5}");
    assertThat(result.out())
        .isEqualTo(
            "secret/%s created%ntask/%s created%n"
                .formatted(
                    credentials("ANTHROPIC_API_KEY", "sk-ant-123"), task.getMetadata().getName()));
    TaskSpec spec = task.getSpec();
    assertThat(spec.getType()).isEqualTo("claude-code");
    assertThat(spec.getPrompt()).isEqualTo("Fix the bug described in issue #42");
    assertThat(spec.getModel()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(spec.getCredentials().getType()).isEqualTo(CredentialType.API_KEY);
    assertThat(spec.getCredentials().getSecretRef().getName())
        .isEqualTo(credentials("ANTHROPIC_API_KEY", "sk-ant-123"));
    assertThat(spec.getWorkspaceRef()).isNull();

    Secret secret =
        client
            .secrets()
            .inNamespace("test")
            .withName(credentials("ANTHROPIC_API_KEY", "sk-ant-123"))
            .get();
    assertThat(secret.getMetadata().getLabels())
        .containsEntry(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY);
    assertThat(decoded(secret)).containsExactly(Map.entry("ANTHROPIC_API_KEY", "sk-ant-123"));
    assertThat(result.out() + result.err()).doesNotContain("sk-ant-123");
  }

  @Test
  void oauthTokenMakesAnOauthSecretAndRunsAgainWithoutDuplicating() throws IOException {
    config("oauthToken: oat-1\n");

    Cli.Result first = cli.run("run", "-p", "one", "--name", "first");
    Cli.Result second = cli.run("run", "-p", "two", "--name", "second");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out()).isEqualTo("task/second created%n".formatted());
    assertThat(client.secrets().inNamespace("test").list().getItems()).hasSize(1);
    Secret secret =
        client
            .secrets()
            .inNamespace("test")
            .withName(credentials("CLAUDE_CODE_OAUTH_TOKEN", "oat-1"))
            .get();
    assertThat(decoded(secret)).containsExactly(Map.entry("CLAUDE_CODE_OAUTH_TOKEN", "oat-1"));
    Task task = client.resources(Task.class).inNamespace("test").withName("second").get();
    assertThat(task.getSpec().getCredentials().getType()).isEqualTo(CredentialType.OAUTH);
  }

  @Test
  void aChangedTokenMakesANewSecret() throws IOException {
    config("apiKey: old\n");
    assertThat(cli.run("run", "-p", "a", "--name", "a").exitCode()).isZero();
    config("oauthToken: new\n");

    Cli.Result result = cli.run("run", "-p", "b", "--name", "b");

    assertThat(result.out())
        .startsWith("secret/" + credentials("CLAUDE_CODE_OAUTH_TOKEN", "new") + " created");
    Secret secret =
        client
            .secrets()
            .inNamespace("test")
            .withName(credentials("CLAUDE_CODE_OAUTH_TOKEN", "new"))
            .get();
    assertThat(decoded(secret)).containsExactly(Map.entry("CLAUDE_CODE_OAUTH_TOKEN", "new"));
  }

  @Test
  void secretFlagUsesTheNamedSecretAndCreatesNone() throws IOException {
    config("apiKey: sk-1\nsecret: from-config\ncredentialType: oauth\n");
    client
        .secrets()
        .inNamespace("test")
        .resource(
            new SecretBuilder().withNewMetadata().withName("other-secret").endMetadata().build())
        .create();

    Cli.Result result =
        cli.run(
            "run",
            "-p",
            "Fix bug",
            "--name",
            "t1",
            "--secret",
            "other-secret",
            "--credential-type",
            "api-key",
            "--model",
            "m2",
            "--type",
            "other-agent");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(client.secrets().inNamespace("test").list().getItems())
        .extracting(secret -> secret.getMetadata().getName())
        .containsExactly("other-secret");
    TaskSpec spec = client.resources(Task.class).inNamespace("test").withName("t1").get().getSpec();
    assertThat(spec.getCredentials().getSecretRef().getName()).isEqualTo("other-secret");
    assertThat(spec.getCredentials().getType()).isEqualTo(CredentialType.API_KEY);
    assertThat(spec.getModel()).isEqualTo("m2");
    assertThat(spec.getType()).isEqualTo("other-agent");
  }

  @Test
  void inlineWorkspaceCreatesTheWorkspaceAndItsTokenSecret() throws IOException {
    config(
        """
        apiKey: sk-1
        workspace:
          repo: https://github.com/your-org/repo.git
          ref: main
          token: ghp_secret
        """);

    Cli.Result result = cli.run("run", "-p", "Add unit tests", "--name", "t1");
    Cli.Result again = cli.run("run", "-p", "Add more tests", "--name", "t2");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    Task task = client.resources(Task.class).inNamespace("test").withName("t2").get();
    String workspaceName = task.getSpec().getWorkspaceRef().getName();
    Workspace workspace =
        client.resources(Workspace.class).inNamespace("test").withName(workspaceName).get();
    WorkspaceSpec spec = workspace.getSpec();
    String tokenName = spec.getSecretRef().getName();
    assertThat(workspaceName).matches("your-org-repo-[0-9a-f]{10}");
    assertThat(tokenName).matches("your-org-repo-github-token-[0-9a-f]{10}");
    assertThat(result.out())
        .isEqualTo(
            ("secret/%s created%nsecret/%s created%nworkspace/%s created%ntask/t1 created%n")
                .formatted(credentials("ANTHROPIC_API_KEY", "sk-1"), tokenName, workspaceName));
    assertThat(again.out()).isEqualTo("task/t2 created%n".formatted());
    assertThat(workspace.getMetadata().getLabels())
        .containsEntry(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY);
    assertThat(spec.getRepo()).isEqualTo("https://github.com/your-org/repo.git");
    assertThat(spec.getRef()).isEqualTo("main");
    Secret token = client.secrets().inNamespace("test").withName(tokenName).get();
    assertThat(decoded(token)).containsExactly(Map.entry("GITHUB_TOKEN", "ghp_secret"));
    assertThat(token.getMetadata().getLabels())
        .containsEntry(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY);
    assertThat(client.resources(Workspace.class).inNamespace("test").list().getItems()).hasSize(1);
  }

  @Test
  void aChangedRefMakesANewWorkspace() throws IOException {
    config("apiKey: k\nworkspace:\n  repo: git@github.com:acme/app.git\n  ref: main\n");
    assertThat(cli.run("run", "-p", "a", "--name", "a").exitCode()).isZero();
    config("apiKey: k\nworkspace:\n  repo: git@github.com:acme/app.git\n  ref: release-1\n");

    Cli.Result result = cli.run("run", "-p", "b", "--name", "b");

    assertThat(result.out()).containsPattern("workspace/acme-app-[0-9a-f]{10} created");
    String name =
        client
            .resources(Task.class)
            .inNamespace("test")
            .withName("b")
            .get()
            .getSpec()
            .getWorkspaceRef()
            .getName();
    assertThat(
            client
                .resources(Workspace.class)
                .inNamespace("test")
                .withName(name)
                .get()
                .getSpec()
                .getRef())
        .isEqualTo("release-1");
  }

  @Test
  void workspaceFlagNamesAnExistingWorkspace() throws IOException {
    config("apiKey: k\nworkspace:\n  repo: https://github.com/acme/app.git\n");
    Workspace existing = new Workspace();
    existing.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("my-workspace").build());
    existing.setSpec(new WorkspaceSpec("https://github.com/acme/other.git", null));
    client.resources(Workspace.class).inNamespace("test").resource(existing).create();

    Cli.Result result =
        cli.run("run", "-p", "Add unit tests", "--workspace", "my-workspace", "--name", "t1");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(client.resources(Workspace.class).inNamespace("test").list().getItems())
        .extracting(w -> w.getMetadata().getName())
        .containsExactly("my-workspace");
    assertThat(
            client
                .resources(Task.class)
                .inNamespace("test")
                .withName("t1")
                .get()
                .getSpec()
                .getWorkspaceRef()
                .getName())
        .isEqualTo("my-workspace");
  }

  @Test
  void aMissingWorkspaceIsAnErrorAndNoTaskIsCreated() throws IOException {
    config("apiKey: k\n");

    Cli.Result result = cli.run("run", "-p", "x", "--workspace", "nope");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("error: workspace nope not found in namespace test%n".formatted());
    assertThat(client.resources(Task.class).inNamespace("test").list().getItems()).isEmpty();
  }

  @Test
  void namespaceComesFromTheFlagThenTheConfig() throws IOException {
    config("apiKey: k\nnamespace: from-config\n");

    assertThat(cli.run("run", "-p", "x", "--name", "a").exitCode()).isZero();
    assertThat(cli.run("run", "-p", "x", "--name", "b", "-n", "from-flag").exitCode()).isZero();
    assertThat(cli.run("-n", "before", "run", "-p", "x", "--name", "c").exitCode()).isZero();

    assertThat(client.resources(Task.class).inNamespace("from-config").withName("a").get())
        .isNotNull();
    assertThat(client.resources(Task.class).inNamespace("from-flag").withName("b").get())
        .isNotNull();
    assertThat(client.resources(Task.class).inNamespace("before").withName("c").get()).isNotNull();
    assertThat(
            client
                .secrets()
                .inNamespace("from-flag")
                .withName(credentials("ANTHROPIC_API_KEY", "k"))
                .get())
        .isNotNull();
  }

  @Test
  void noCredentialsAnywhereTellsWhatToDo() {
    Cli.Result result = cli.run("run", "-p", "x");

    assertThat(result.exitCode()).as("could not be set up").isEqualTo(2);
    assertThat(result.err())
        .startsWith("error: no credentials for the agent: run `axon init`")
        .contains("--secret");
    assertThat(client.resources(Task.class).inNamespace("test").list().getItems()).isEmpty();
  }

  @Test
  void aLocalRunWithNoCredentialsCouldNotBeSetUpAndSaysWhereToPutThem() {
    Cli.Result result = cli.run("run", "--local", "-p", "x");

    assertThat(result.exitCode()).as("could not be set up").isEqualTo(2);
    assertThat(result.err())
        .startsWith("error: no credentials for the agent: set ANTHROPIC_API_KEY")
        .contains("~/.axon/config.yaml");
    assertThat(result.out()).as("nothing started").isEmpty();
  }

  @Test
  void aSecretAxonDidNotMakeIsLeftAlone() throws IOException {
    config("apiKey: mine\n");
    client
        .secrets()
        .inNamespace("test")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(credentials("ANTHROPIC_API_KEY", "mine"))
                .endMetadata()
                .addToData("OTHER", "eA==")
                .build())
        .create();

    Cli.Result result = cli.run("run", "-p", "x");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains(
            "secret %s already exists in namespace test and was not made by axon"
                .formatted(credentials("ANTHROPIC_API_KEY", "mine")));
    assertThat(
            client
                .secrets()
                .inNamespace("test")
                .withName(credentials("ANTHROPIC_API_KEY", "mine"))
                .get()
                .getData())
        .containsOnlyKeys("OTHER");
  }

  @Test
  void anExistingTaskNameIsAnError() throws IOException {
    config("apiKey: k\n");
    assertThat(cli.run("run", "-p", "x", "--name", "dup").exitCode()).isZero();

    Cli.Result result = cli.run("run", "-p", "y", "--name", "dup");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "error: task dup already exists in namespace test: choose another --name%n"
                .formatted());
  }

  @Test
  void badNamesAndMissingPromptsAreUsageErrors() throws IOException {
    config("apiKey: k\n");

    Cli.Result badName = cli.run("run", "-p", "x", "--name", "Bad_Name");
    Cli.Result noPrompt = cli.run("run");
    Cli.Result badType = cli.run("run", "-p", "x", "--secret", "s", "--credential-type", "token");

    assertThat(badName.exitCode()).isEqualTo(2);
    assertThat(badName.err()).startsWith("error: --name Bad_Name: task names are lower-case");
    assertThat(noPrompt.exitCode()).isEqualTo(2);
    assertThat(noPrompt.err())
        .startsWith("error: Missing required argument")
        .contains(
            "Missing required argument (specify one of these): (-p=PROMPT | --prompt-file=FILE |"
                + " --from=taskspawner/NAME)")
        .contains("Run 'axon run --help' for usage.");
    assertThat(badType.exitCode()).isEqualTo(2);
    assertThat(badType.err()).contains("'token' is not api-key or oauth");
    assertThat(client.resources(Task.class).inNamespace("test").list().getItems()).isEmpty();
  }

  private String storedPrompt(String task) {
    return client
        .resources(Task.class)
        .inNamespace("test")
        .withName(task)
        .get()
        .getSpec()
        .getPrompt();
  }

  /** Over Linux's 128 KiB limit for one argument, with what a shell or a decoder could mangle. */
  private static String longPrompt() {
    return "-starts like a flag $(x) `y`\n\t"
        + "ünïcödé 日本語 🚀 \"quoted\"\n".repeat(5_000)
        + "  trailing  \n";
  }

  @Test
  void thePromptComesByteExactFromAFileOrStandardInput(@TempDir Path dir) throws IOException {
    config("apiKey: k\n");
    String prompt = longPrompt();
    assertThat(prompt.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(128 * 1024);
    Path file = Files.writeString(dir.resolve("task.md"), prompt, StandardCharsets.UTF_8);

    Cli.Result fromFile = cli.run("run", "--prompt-file", file.toString(), "--name", "from-file");
    Cli.Result fromStdin = cli.stdin(prompt).run("run", "-p", "-", "--name", "from-stdin");

    assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
    assertThat(fromStdin.exitCode()).as(fromStdin.err()).isZero();
    assertThat(storedPrompt("from-file")).isEqualTo(prompt);
    assertThat(storedPrompt("from-stdin")).isEqualTo(prompt);
  }

  @Test
  void aPromptThatCannotBeReadOrIsTooLongIsRefusedBeforeAnythingIsCreated(@TempDir Path dir)
      throws IOException {
    config("apiKey: k\n");
    Path binary = Files.write(dir.resolve("binary"), new byte[] {'a', (byte) 0xff});
    Path huge = Files.writeString(dir.resolve("huge"), "x".repeat(196_609));

    Cli.Result missing = cli.run("run", "--prompt-file", dir.resolve("nope").toString());
    Cli.Result notText = cli.run("run", "--prompt-file", binary.toString());
    Cli.Result tooLong = cli.run("run", "--prompt-file", huge.toString());
    Cli.Result both = cli.run("run", "-p", "x", "--prompt-file", huge.toString());

    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err())
        .isEqualTo("error: --prompt-file %s: no such file%n".formatted(dir.resolve("nope")));
    assertThat(notText.exitCode()).isEqualTo(2);
    assertThat(notText.err()).contains("the prompt is not UTF-8 text");
    assertThat(tooLong.exitCode()).isEqualTo(2);
    assertThat(tooLong.err())
        .isEqualTo(
            "error: the prompt is 196609 bytes; a Task's prompt may hold at most 196608"
                + " (192 KiB of UTF-8)%n".formatted());
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
    assertThat(client.resources(Task.class).inNamespace("test").list().getItems()).isEmpty();
    assertThat(client.secrets().inNamespace("test").list().getItems()).isEmpty();
  }

  @Test
  void aPromptWrittenWithEqualsMayLookLikeAFlag() throws IOException {
    config("apiKey: k\n");

    Cli.Result attached = cli.run("run", "--prompt=--local", "--name", "dashes");
    Cli.Result forgotten = cli.run("run", "-p", "--local");

    assertThat(attached.exitCode()).as(attached.err()).isZero();
    assertThat(storedPrompt("dashes")).isEqualTo("--local");
    assertThat(forgotten.exitCode()).isEqualTo(2);
    assertThat(forgotten.err()).contains("Expected parameter for option '--prompt'");
  }

  @Test
  void maxTurnsBelowOneIsRefusedAtTheCommandLineNamingTheFlag() {
    Cli.Result zero = cli.run("run", "-p", "x", "--local", "--max-turns", "0");

    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).isEqualTo("error: --max-turns 0: give at least 1 turn%n".formatted());
  }

  @Test
  void thePromptIsStoredByteForByte() throws IOException {
    config("apiKey: k\n");
    String prompt = "Fix: $(rm -rf /) `whoami` \"quotes\" 'single' {{.Title}}\nline two ✓";

    assertThat(cli.run("run", "-p", prompt, "--name", "exact").exitCode()).isZero();

    assertThat(
            client
                .resources(Task.class)
                .inNamespace("test")
                .withName("exact")
                .get()
                .getSpec()
                .getPrompt())
        .isEqualTo(prompt);
  }

  @Test
  void theAgentPluginNamesTheCredentialKey() throws IOException {
    config("apiKey: k\n");

    assertThat(cli.run("run", "-p", "x", "--type", LineProtocolRuntime.TYPE).exitCode()).isZero();

    assertThat(
            decoded(
                client.secrets().inNamespace("test").withName(credentials("LINE_KEY", "k")).get()))
        .containsOnlyKeys("LINE_KEY");
  }

  @Test
  void followStreamsTheLogAndExitsWithTheTasksOutcome() throws Exception {
    config("apiKey: k\n");
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/test/pods/t1-pod/log?pretty=false&container=agent&follow=true")
        .andReturn(200, "init m1\nturn 1\ntext working\ndone 1 0.5\n")
        .always();

    Cli.Running running =
        cli.start(
            "run",
            "-p",
            "x",
            "--name",
            "t1",
            "--type",
            LineProtocolRuntime.TYPE,
            "-f",
            "--poll-interval",
            "50ms");
    running.awaitOut("task/t1 created", Duration.ofSeconds(10));
    Task task = client.resources(Task.class).inNamespace("test").withName("t1").get();
    client
        .pods()
        .inNamespace("test")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("t1-pod")
                .addToLabels(ApiGroup.TASK_LABEL, "t1")
                .endMetadata()
                .withNewStatus()
                .withPhase("Running")
                .endStatus()
                .build())
        .create();
    Fixtures.status(client, task, TaskPhase.Running, null, null, null);
    running.awaitOut("[result] completed", Duration.ofSeconds(10));
    Fixtures.status(client, task, TaskPhase.Failed, null, null, "the agent gave up");
    Cli.Result result = running.await(Duration.ofSeconds(10));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out())
        .endsWith(
            "task/t1 created%n[init] model=m1%n--- Turn 1 ---%nworking%n[result] completed (1 turn, $0.50)%n"
                .formatted());
    assertThat(result.err()).endsWith("task t1 failed: the agent gave up%n".formatted());
  }

  @Test
  void aMissingSecretIsAnErrorAndNoTaskIsCreated() throws IOException {
    config("secret: from-config\n");

    Cli.Result fromFlag = cli.run("run", "-p", "x", "--secret", "nope");
    Cli.Result fromConfig = cli.run("run", "-p", "x");

    assertThat(fromFlag.exitCode()).as(fromFlag.toString()).isEqualTo(1);
    assertThat(fromFlag.err())
        .contains(
            "error: secret nope not found in namespace test: create it (kubectl -n test"
                + " create secret generic nope --from-literal=ANTHROPIC_API_KEY=...)");
    assertThat(fromConfig.exitCode()).isEqualTo(1);
    assertThat(fromConfig.err()).contains("error: secret from-config not found in namespace test");
    assertThat(client.resources(Task.class).inNamespace("test").list().getItems()).isEmpty();
  }

  @Test
  void aRunThatFailsOnAMissingWorkspaceLeavesNoSecret() throws IOException {
    config("apiKey: sk-1\n");

    Cli.Result result = cli.run("run", "-p", "x", "--workspace", "nope");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("workspace nope not found in namespace test");
    assertThat(client.secrets().inNamespace("test").list().getItems()).isEmpty();
    assertThat(client.resources(Task.class).inNamespace("test").list().getItems()).isEmpty();
  }

  @Test
  void aRunThatFailsAfterWritingASecretTakesItBack() throws IOException {
    config("apiKey: sk-1\nworkspace:\n  repo: https://github.com/your-org/repo.git\n");
    server
        .expect()
        .post()
        .withPath("/apis/axon.io/v1alpha1/namespaces/test/workspaces")
        .andReturn(500, "{\"kind\":\"Status\",\"message\":\"etcd is down\",\"code\":500}")
        .always();

    Cli.Result result = cli.run("run", "-p", "x", "--name", "t1");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(client.secrets().inNamespace("test").list().getItems()).isEmpty();
    assertThat(client.resources(Task.class).inNamespace("test").list().getItems()).isEmpty();
  }

  @Test
  void aSecretFlagIsAnApiKeyWhateverTheConfigsCredentialType() throws IOException {
    config("secret: from-config\ncredentialType: oauth\n");
    client
        .secrets()
        .inNamespace("test")
        .resource(new SecretBuilder().withNewMetadata().withName("mine").endMetadata().build())
        .create();

    Cli.Result result = cli.run("run", "-p", "x", "--name", "t1", "--secret", "mine");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    TaskSpec spec = client.resources(Task.class).inNamespace("test").withName("t1").get().getSpec();
    assertThat(spec.getCredentials().getType()).isEqualTo(CredentialType.API_KEY);
  }

  @Test
  void anExplicitConfigFileThatDoesNotExistIsAnError() {
    Path missing = home.resolve("no-such-config.yaml");

    Cli.Result result = cli.run("--config", missing.toString(), "run", "-p", "x");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: config file %s does not exist".formatted(missing));
    assertThat(client.resources(Task.class).inNamespace("test").list().getItems()).isEmpty();
  }

  @Test
  void aTaskRunsWithTheCredentialsAndWorkspaceItWasCreatedWith() throws IOException {
    config("apiKey: old\nworkspace:\n  repo: https://github.com/your-org/repo.git\n  ref: main\n");
    assertThat(cli.run("run", "-p", "a", "--name", "a").exitCode()).isZero();
    config(
        "oauthToken: new\nworkspace:\n  repo: https://github.com/your-org/repo.git\n  ref: dev\n");
    assertThat(cli.run("run", "-p", "b", "--name", "b").exitCode()).isZero();

    Task a = client.resources(Task.class).inNamespace("test").withName("a").get();
    Task b = client.resources(Task.class).inNamespace("test").withName("b").get();
    Secret secretOfA =
        client
            .secrets()
            .inNamespace("test")
            .withName(a.getSpec().getCredentials().getSecretRef().getName())
            .get();
    Workspace workspaceOfA =
        client
            .resources(Workspace.class)
            .inNamespace("test")
            .withName(a.getSpec().getWorkspaceRef().getName())
            .get();
    assertThat(decoded(secretOfA)).containsExactly(Map.entry("ANTHROPIC_API_KEY", "old"));
    assertThat(workspaceOfA.getSpec().getRef()).isEqualTo("main");
    assertThat(b.getSpec().getCredentials().getSecretRef().getName())
        .isNotEqualTo(a.getSpec().getCredentials().getSecretRef().getName());
    assertThat(b.getSpec().getWorkspaceRef().getName())
        .isNotEqualTo(a.getSpec().getWorkspaceRef().getName());
    assertThat(secretOfA.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            owner -> {
              assertThat(owner.getKind()).isEqualTo("Task");
              assertThat(owner.getName()).isEqualTo("a");
              assertThat(owner.getUid()).isEqualTo(a.getMetadata().getUid());
            });
    assertThat(workspaceOfA.getMetadata().getOwnerReferences())
        .extracting(owner -> owner.getName())
        .containsExactly("a");
  }

  @Test
  void warnsUpFrontWhenNoControllerHoldsTheLease() throws IOException {
    config("apiKey: k\n");
    client.leases().inNamespace("axon-system").withName("axon-controller").delete();

    Cli.Result result = cli.run("run", "-p", "x", "--name", "t1");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err())
        .isEqualTo(
            ("warning: no controller holds the Lease axon-system/axon-controller (it does not"
                    + " exist): the Task will wait until a controller runs; check the controller:"
                    + " `kubectl -n axon-system get deployment axon-controller` (is it available?)"
                    + " and `kubectl -n axon-system logs deployment/axon-controller`%n")
                .formatted());
  }

  @Test
  void saysNothingOfTheControllerWhileItHoldsTheLease() throws IOException {
    config("apiKey: k\n");

    Cli.Result result = cli.run("run", "-p", "x", "--name", "t1");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err()).isEmpty();
  }

  private void config(String yaml) throws IOException {
    Files.createDirectories(cli.configFile().getParent());
    Files.writeString(cli.configFile(), yaml);
  }

  @Test
  void outputNameOrJsonPrintsOnlyTheTask() throws IOException {
    config("apiKey: k\n");

    Cli.Result name = cli.run("run", "-p", "x", "--name", "t1", "-o", "name");
    Cli.Result json = cli.run("run", "-p", "y", "--name", "t2", "-o", "json");

    assertThat(name.exitCode()).as(name.toString()).isZero();
    assertThat(name.out()).isEqualTo("task/t1%n".formatted());
    assertThat(name.err()).contains("secret/" + credentials("ANTHROPIC_API_KEY", "k") + " created");
    Task parsed = client.getKubernetesSerialization().unmarshal(json.out(), Task.class);
    assertThat(parsed.getMetadata().getName()).isEqualTo("t2");
    assertThat(parsed.getSpec().getPrompt()).isEqualTo("y");
  }

  /** The name axon gives the Secret holding this one credential. */
  static String credentials(String key, String value) {
    return ManagedObjects.secretName(ManagedObjects.CREDENTIALS_SECRET, Map.of(key, value));
  }

  /** A controller that holds its Lease, renewed a moment before the Cli's clock. */
  private void controllerHoldsTheLease() {
    client
        .leases()
        .inNamespace("axon-system")
        .resource(
            new io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder()
                .withNewMetadata()
                .withName("axon-controller")
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity("axon-controller-abc")
                .withLeaseDurationSeconds(15)
                .withRenewTime(java.time.ZonedDateTime.parse("2026-11-20T11:59:55Z"))
                .endSpec()
                .build())
        .create();
  }

  static Map<String, String> decoded(Secret secret) {
    Map<String, String> values = new java.util.TreeMap<>();
    secret
        .getData()
        .forEach(
            (key, value) ->
                values.put(
                    key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    return values;
  }
}
