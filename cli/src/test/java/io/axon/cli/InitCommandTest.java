package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.client.config.ConfigTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
  @TempDir Path home;

  private Cli cli() {
    return new Cli(
        (kubeconfig, context) -> {
          throw new AssertionError("init needs no cluster");
        },
        home);
  }

  @Test
  void writesTheCommentedTemplateWithMode0600() throws Exception {
    Cli.Result result = cli().run("init");

    Path file = home.resolve(".axon/config.yaml");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("Wrote " + file + "\n");
    assertThat(Files.readString(file)).isEqualTo(ConfigTemplate.text());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void neverOverwritesWithoutForce() throws Exception {
    Path file = home.resolve(".axon/config.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "apiKey: mine\n");

    Cli.Result result = cli().run("init");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "error: %s already exists; edit it, or pass --force to replace it with the template%n"
                .formatted(file));
    assertThat(Files.readString(file)).isEqualTo("apiKey: mine\n");
  }

  @Test
  void forceReplacesTheFile() throws Exception {
    Path file = home.resolve(".axon/config.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "apiKey: mine\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Cli.Result result = cli().run("init", "--force");

    assertThat(result.exitCode()).isZero();
    assertThat(Files.readString(file)).isEqualTo(ConfigTemplate.text());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void configFlagChoosesThePathAndAMalformedOldFileDoesNotMatter() throws Exception {
    Path file = home.resolve("elsewhere/axon.yaml");
    Path broken = home.resolve(".axon/config.yaml");
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, "apiKey: [unclosed\n");

    Cli.Result result = cli().run("--config", file.toString(), "init");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(Files.readString(file)).isEqualTo(ConfigTemplate.text());
  }
}
