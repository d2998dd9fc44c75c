package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.cli.startup.DefaultKubeClientFactory;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the user sees when things go wrong: one line, what to do, never a stack trace. */
@EnableKubernetesMockClient
class ErrorMessagesTest {
  KubernetesClient client;
  KubernetesMockServer server;

  @TempDir Path home;

  @Test
  void missingCrdsSayRunAxonInstall() {
    // A server without the axon.io API answers 404 for its resource paths.
    server
        .expect()
        .get()
        .withPath("/apis/axon.io/v1alpha1/namespaces/test/tasks")
        .andReturn(404, "404 page not found")
        .always();
    server
        .expect()
        .get()
        .withPath("/apis/axon.io/v1alpha1/namespaces/test/tasks/x")
        .andReturn(404, "404 page not found")
        .always();
    server
        .expect()
        .get()
        .withPath("/apis/axon.io/v1alpha1/namespaces/test/tasks?limit=1")
        .andReturn(404, "404 page not found")
        .always();
    Cli cli = new Cli(client, home);

    for (String[] args :
        new String[][] {{"get", "tasks"}, {"get", "task", "x"}, {"logs", "x"}, {"delete", "x"}}) {
      Cli.Result result = cli.run(args);

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
      assertThat(result.err())
          .as(String.join(" ", args))
          .isEqualTo(
              "error: Axon is not installed in this cluster: run `axon install`%n".formatted());
    }
  }

  @Test
  void aNamespaceThatIsNoNameIsRefusedBeforeAnyRequest() {
    Cli cli = new Cli(client, home);

    for (String namespace : new String[] {"..", "a/b", "Team"}) {
      Cli.Result result = cli.run("get", "tasks", "-n", namespace);

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
      assertThat(result.err())
          .isEqualTo(
              "error: namespace \"%s\" is not a namespace name (lower-case letters, digits and '-',"
                      .formatted(namespace)
                  + " at most 63)\n");
    }
    assertThat(server.getRequestCount()).as("requests sent").isZero();
  }

  @Test
  void creatingInAMissingCrdSaysRunAxonInstall() throws IOException {
    server
        .expect()
        .post()
        .withPath("/apis/axon.io/v1alpha1/namespaces/test/tasks")
        .andReturn(404, "404 page not found")
        .always();
    Cli cli = new Cli(client, home);
    Files.createDirectories(home.resolve(".axon"));
    Files.writeString(home.resolve(".axon/config.yaml"), "apiKey: k\n");

    Cli.Result result = cli.run("run", "-p", "x", "--secret", "s");

    assertThat(result.err())
        .isEqualTo(
            "error: Axon is not installed in this cluster: run `axon install`%n".formatted());
  }

  @Test
  void anUnreachableServerNamesItsUrl() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "https://127.0.0.1:" + closedPort + "/";
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url)
            .withNamespace("test")
            .withRequestRetryBackoffLimit(0)
            .build();
    try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(config).build()) {
      Cli cli = new Cli(unreachable, home);

      Cli.Result result = cli.run("get", "tasks");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err())
          .startsWith("error: cannot reach the Kubernetes API at " + url + ": ")
          .endsWith(". Is your kubeconfig right?%n".formatted())
          .containsIgnoringCase("connection refused")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void aMissingKubeconfigFileIsReported() {
    Cli cli = new Cli(new DefaultKubeClientFactory(), home);

    Cli.Result result = cli.run("--kubeconfig", home.resolve("nope").toString(), "get", "tasks");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("error: cannot read kubeconfig %s%n".formatted(home.resolve("nope")));
  }

  @Test
  void anUnknownContextIsReported() throws IOException {
    Path kubeconfig = home.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: here, context: {cluster: c, user: u}}]
        current-context: here
        """);
    Cli cli = new Cli(new DefaultKubeClientFactory(), home);

    Cli.Result result =
        cli.run("--kubeconfig", kubeconfig.toString(), "--context", "there", "get", "tasks");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("error: context there not found in the kubeconfig%n".formatted());
  }

  @Test
  void unknownConfigKeysAreWarnedAboutWithTheirLine() throws IOException {
    server
        .expect()
        .get()
        .withPath("/apis/axon.io/v1alpha1/namespaces/test/tasks")
        .andReturn(200, "{\"kind\":\"TaskList\",\"apiVersion\":\"axon.io/v1alpha1\",\"items\":[]}")
        .always();
    Path config = home.resolve("c.yaml");
    Files.writeString(config, "apiKey: k\nmodle: x\n");

    Cli.Result result = new Cli(client, home).run("--config", config.toString(), "get", "tasks");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err())
        .startsWith("warning: %s:2: unknown key 'modle' (ignored)%n".formatted(config));
  }

  @Test
  void aMalformedConfigIsAnErrorNamingTheLine() throws IOException {
    Path config = home.resolve("c.yaml");
    Files.writeString(config, "apiKey: k\nworkspace:\n  repo: [oops\n");

    Cli.Result result = new Cli(client, home).run("--config", config.toString(), "get", "tasks");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: %s:".formatted(config)).contains("not valid YAML");
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void usageErrorsExitTwoAndPointAtHelp() {
    Cli cli = new Cli(client, home);

    Cli.Result unknownCommand = cli.run("launch");
    Cli.Result misspelled = cli.run("gett", "tasks");
    Cli.Result unknownOption = cli.run("get", "tasks", "--bogus");

    assertThat(unknownCommand.exitCode()).isEqualTo(2);
    assertThat(unknownCommand.err())
        .contains("Unmatched argument at index 0: 'launch'")
        .contains("Run 'axon --help' for usage.");
    // An unknown name gets the whole command tree, so picocli can suggest the right one.
    assertThat(misspelled.err()).contains("Did you mean: axon get");
    assertThat(unknownOption.exitCode()).isEqualTo(2);
    assertThat(unknownOption.err())
        .contains("Unknown option: '--bogus'")
        .contains("Run 'axon get --help' for usage.");
  }

  @Test
  void helpAndVersionWork() {
    Cli cli = new Cli(client, home);

    Cli.Result help = cli.run("--help");
    Cli.Result version = cli.run("version");
    Cli.Result runHelp = cli.run("run", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains(
            "install", "uninstall", "init", "run", "get", "logs", "delete", "version", "completion")
        .doesNotContain("__train");
    assertThat(version.out()).startsWith("axon 0.1.0-SNAPSHOT\n");
    assertThat(runHelp.out())
        .contains("--prompt=PROMPT", "--workspace=NAME", "--secret=NAME", "--follow");
  }

  @Test
  void completionPrintsABashScript() {
    Cli.Result result = new Cli(client, home).run("completion");

    assertThat(result.exitCode()).isZero();
    // It describes every command, though the line names only `completion`.
    assertThat(result.out())
        // picocli's completion, under the wrapper that adds the cluster's names.
        .contains("complete -F _axon_dynamic -o default axon", "_complete_axon \"$@\"")
        .contains("taskspawners")
        .contains("uninstall", "logs", "delete", "spawner");
  }

  @Test
  void contentThatCannotBeReadIsDescribedWithoutJavaOrJacksonInternals() throws IOException {
    Path file = home.resolve("spawner.yaml");
    Files.writeString(
        file,
        """
        apiVersion: axon.io/v1alpha1
        kind: TaskSpawner
        metadata:
          name: s
        spec:
          when:
            githubIssues: [1, 2]
        """);

    Cli.Result result = new Cli(client, home).run("spawner", "preview", "-f", file.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "error: cannot read " + file + ": unexpected content in field spec.when.githubIssues")
        .doesNotContain("io.axon")
        .doesNotContain("Cannot construct")
        .doesNotContain("reference chain")
        .doesNotContain("java.")
        .doesNotContain("Exception");
  }
}
