package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code axon --verbose} run without the launcher (which says it itself) names the JVM on stderr.
 */
class VerboseNamesTheJvmTest {
  @TempDir Path home;

  @Test
  void namesTheJvmOnStderrAndLeavesStdoutAlone() {
    Cli.Result verbose =
        new Cli((kubeconfig, context) -> null, home).run("--verbose", "version", "--client");
    Cli.Result quiet = new Cli((kubeconfig, context) -> null, home).run("version", "--client");

    assertThat(verbose.exitCode()).as(verbose.toString()).isZero();
    assertThat(verbose.err())
        .isEqualTo(
            "axon: Java %s at %s (not through the axon launcher: no start-up cache)%n"
                .formatted(Runtime.version(), System.getProperty("java.home")));
    assertThat(verbose.out()).isEqualTo(quiet.out());
    assertThat(quiet.err()).isEmpty();
  }
}
