package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCommandTest {
  @TempDir Path home;

  private Cli cli() {
    return new Cli(
        (kubeconfig, context) -> {
          throw new AssertionError("local needs no cluster");
        },
        home);
  }

  @Test
  void listsAndCleansKeptWorkspacesButNotARunInProgress() throws Exception {
    Path runs = home.resolve(".cache/axon/local-runs");
    Path kept = Files.createDirectories(runs.resolve("run-1/workspace"));
    Files.writeString(kept.resolve("work.txt"), "work");
    Path active = Files.createDirectories(runs.resolve("run-2/workspace"));
    ProcessHandle self = ProcessHandle.current();
    Files.writeString(
        runs.resolve("run-2/owner"), self.pid() + " " + self.info().startInstant().orElseThrow());

    Cli.Result list = cli().run("local", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains(kept.toString()).doesNotContain(active.toString());

    Cli.Result clean = cli().run("local", "clean");
    assertThat(clean.exitCode()).isZero();
    assertThat(clean.out()).contains("Removed " + kept, "1 workspace removed.");
    assertThat(runs.resolve("run-1")).doesNotExist();
    assertThat(active).isDirectory();

    assertThat(cli().run("local", "list").out()).isEqualTo("No kept workspaces.\n");
  }
}
