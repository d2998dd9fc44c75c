package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code axon install --values/--set} without a helm binary says how to get one, exit 2. */
class InstallWithoutHelmTest {
  @TempDir Path home;

  Cli cli() {
    return new Cli(
        (kubeconfig, context) -> {
          throw new AssertionError("no cluster is needed to refuse");
        },
        home);
  }

  @Test
  void noHelmOnPath() throws Exception {
    Path emptyDir = Files.createDirectories(home.resolve("bin"));

    Cli.Result result =
        cli().env("PATH", emptyDir.toString()).run("install", "--set", "replicas=1");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .contains("--values and --set need the helm binary, and there is none on PATH")
        .contains("hack/helm/build.sh")
        .contains("AXON_HELM")
        .doesNotContain("Exception", "\tat ");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void axonHelmThatIsNotAProgram() {
    Cli.Result result =
        cli()
            .env("AXON_HELM", home.resolve("missing").toString())
            .run("install", "--values", "v.yaml");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("AXON_HELM names").contains("not an executable file");
  }
}
