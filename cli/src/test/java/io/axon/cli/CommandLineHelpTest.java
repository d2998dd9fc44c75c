package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, suggestions and the root options each command takes: all without a cluster. */
class CommandLineHelpTest {
  @TempDir Path home;

  private Cli.Result axon(String... args) {
    KubeClientFactory noCluster =
        (kubeconfig, context) -> {
          throw new AssertionError("no command here talks to a cluster");
        };
    return new Cli(noCluster, home).run(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gett", "descrbe", "hlep", "lgos", "dscribe"})
  void aTypoIsNeverPointedAtADestructiveCommand(String typo) {
    Cli.Result result = axon(typo);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).doesNotContain("delete").doesNotContain("uninstall");
  }

  @Test
  void aTypoOfGetSuggestsGet() {
    Cli.Result result = axon("gett", "tasks");

    assertThat(result.err()).contains("Did you mean: axon get");
  }

  @Test
  void spawnerHasHelp() {
    Cli.Result result = axon("spawner", "--help");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("preview");
  }

  @Test
  void helpNamesACommand() {
    Cli.Result result = axon("help", "run");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("Usage: axon run").contains("--prompt=PROMPT");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void runsHelpNamesTheModelEndpointAndProxyVariablesItPassesOn() {
    Cli.Result result = axon("run", "--help");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("ANTHROPIC_BASE_URL  the model API's address, instead of")
        .contains("OPENAI_BASE_URL, GOOGLE_GEMINI_BASE_URL")
        .contains("HTTPS_PROXY, HTTP_PROXY, NO_PROXY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "zsh"})
  void completionTakesTheShell(String shell) {
    Cli.Result result = axon("completion", shell);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("complete -F");
  }

  @Test
  void installRefusesANamespace() {
    Cli.Result after = axon("install", "-n", "foo");
    Cli.Result before = axon("-n", "foo", "install");

    assertThat(after.exitCode()).isEqualTo(2);
    assertThat(after.err()).contains("Unknown options: '-n', 'foo'");
    assertThat(before.exitCode()).isEqualTo(2);
    assertThat(before.err())
        .isEqualTo("error: --namespace does not apply to `axon install`%n".formatted());
  }

  @Test
  void helpListsOnlyTheRootOptionsACommandUses() {
    assertThat(axon("init", "--help").out()).doesNotContain("--kubeconfig").contains("--config");
    assertThat(axon("version", "--help").out()).doesNotContain("--namespace");
    assertThat(axon("install", "--help").out())
        .doesNotContain("--namespace=")
        .contains("--namespaces=NS[,NS...]");
    assertThat(axon("get", "--help").out()).contains("--namespace").contains("--kubeconfig");
  }

  @Test
  void versionWithoutAClusterSaysSoAndSucceeds() {
    KubeClientFactory noKubeconfig =
        (kubeconfig, context) -> {
          throw new UserException("no kubeconfig found");
        };

    Cli.Result result = new Cli(noKubeconfig, home).run("version");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("axon ").endsWith("server unknown (no kubeconfig found)\n");
  }
}
