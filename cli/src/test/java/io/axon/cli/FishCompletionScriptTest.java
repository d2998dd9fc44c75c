package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code axon completion fish} completes the commands and their options, and asks {@code axon
 * __complete} for Task names, namespaces and contexts (FishCompletionOffersTaskNamesTest runs it in
 * fish).
 */
class FishCompletionScriptTest {
  @TempDir Path home;

  @Test
  void completesCommandsOptionsAndTheClustersNames() {
    Cli.Result result = new Cli((kubeconfig, context) -> null, home).run("completion", "fish");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains(
            "complete -c axon -n __fish_use_subcommand -a logs -d 'Show a Task\\'s agent log.'")
        .contains("complete -c axon -n '__fish_seen_subcommand_from run' -s p -l prompt -r")
        .contains(
            "complete -c axon -s n -l namespace -x -a '(__axon_complete namespaces)'",
            "complete -c axon -l context -x -a '(__axon_complete contexts)'",
            "complete -c axon -n __axon_wants_task -f -a '(__axon_complete tasks)'",
            "axon $global __complete $argv 2>/dev/null")
        .contains("the context\\'s")
        .doesNotContain("-a __complete", "-a __train");
  }
}
