package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code axon __complete}: the candidates the completion scripts offer, and nothing on errors. */
@EnableKubernetesMockClient(crud = true)
class CompleteCommandTest {
  KubernetesClient client;

  @TempDir Path home;

  @Test
  void listsTheTasksOfTheNamespaceOnTheLine() {
    Fixtures.create(client, Fixtures.task("team-a", "fix-issue-42", null));
    Fixtures.create(client, Fixtures.task("team-a", "add-tests", null));
    Fixtures.create(client, Fixtures.task("team-b", "elsewhere", null));

    Cli.Result result = new Cli(client, home).run("-n", "team-a", "__complete", "tasks");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("add-tests\nfix-issue-42\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void listsTheNamespaces() {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("zeta").endMetadata().build())
        .create();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("alpha").endMetadata().build())
        .create();

    Cli.Result result = new Cli(client, home).run("__complete", "namespaces");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("alpha\nzeta\n");
  }

  @Test
  void listsTheKubeconfigsContexts() throws Exception {
    Path kubeconfig = home.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster: {server: "https://127.0.0.1:1"}
        users:
        - name: u
          user: {token: t}
        contexts:
        - name: staging
          context: {cluster: c, user: u}
        - name: prod
          context: {cluster: c, user: u}
        current-context: staging
        """);

    Cli.Result result =
        new Cli(client, home).run("--kubeconfig", kubeconfig.toString(), "__complete", "contexts");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("prod\nstaging\n");
  }

  @Test
  void printsNothingWhenTheServerCannotBeReached() {
    KubernetesClient unreachable =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("https://127.0.0.1:1")
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();

    Cli.Result result = new Cli(unreachable, home).run("__complete", "tasks");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEmpty();
    unreachable.close();
  }

  @Test
  void givesUpOnAServerThatNeverAnswers() throws Exception {
    try (java.net.ServerSocket silent =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      KubernetesClient hanging =
          new KubernetesClientBuilder()
              .withConfig(
                  new ConfigBuilder()
                      .withMasterUrl("https://127.0.0.1:" + silent.getLocalPort())
                      .withRequestTimeout(600_000)
                      .withRequestRetryBackoffLimit(0)
                      .build())
              .build();
      long start = System.nanoTime();

      Cli.Result result =
          new Cli(hanging, home).env("AXON_COMPLETE_TIMEOUT", "1s").run("__complete", "tasks");

      assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(java.time.Duration.ofSeconds(30));
      assertThat(result.exitCode()).isZero();
      assertThat(result.out()).isEmpty();
      assertThat(result.err()).isEmpty();
      hanging.close();
    }
  }

  @Test
  void printsNothingWhenThereIsNoKubeconfig() {
    Cli.Result result =
        new Cli(
                (kubeconfig, context) -> {
                  throw new UserException("no kubeconfig found");
                },
                home)
            .run("__complete", "namespaces");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEmpty();
  }

  @Test
  void isNotInTheHelp() {
    assertThat(new Cli(client, home).run("--help").out()).doesNotContain("__complete");
  }
}
