package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script of {@code axon completion zsh}, loaded in real zsh (compinit, bashcompinit) and called
 * as zsh's completion system calls it at a TAB, gets Task names, namespaces and contexts back from
 * a real {@code axon} process talking to the API server.
 */
@EnableKubernetesMockClient(crud = true)
class ZshCompletionOffersTaskNamesTest {
  /**
   * zsh's completion system runs what the script registered for axon ({@code $_comps[axon]}) with
   * the line in {@code $words} and {@code $CURRENT}. {@code compadd} may only be called inside a
   * completion widget, so here it is a function that prints the candidates zsh's default matcher
   * would keep: those that start with the word being completed ({@code $PREFIX}).
   */
  private static final String PROGRAM =
      """
      axon() { "$AXON_TEST_JAVA" -cp "$AXON_TEST_CP" io.axon.cli.Main "$@" 2>>"$HOME/axon.stderr"; }
      source "$AXON_TEST_SCRIPT"
      compadd() {
        local -a offered
        while (( $# )); do
          case $1 in
            -a) shift; offered+=( ${(P)1} ) ;;
            -[SPJXxdM]) shift ;;
            -) shift; offered+=( "$@" ); break ;;
            -*) ;;
            *) offered+=( "$1" ) ;;
          esac
          shift
        done
        offered=( ${(M)offered:#${PREFIX}*} )
        (( ${#offered} )) && print -rl -- "${offered[@]}"
        return 0
      }
      [[ -n ${_comps[axon]} ]] || { print -u2 "nothing registered for axon"; exit 1; }
      words=( "$@" )
      CURRENT=${#words}
      PREFIX=${words[CURRENT]}
      eval "${_comps[axon]}"
      """;

  KubernetesClient client;

  @TempDir Path home;
  CompletionShell shell;

  @BeforeEach
  void setUp() throws Exception {
    shell = CompletionShell.forShell("zsh", client, home);
  }

  /** What zsh offers for the line {@code words}, the last word being completed. */
  List<String> complete(String... words) throws Exception {
    List<String> command = new ArrayList<>(List.of("zsh", "-f", "-c", PROGRAM, "zsh"));
    command.addAll(List.of(words));
    return shell.run(command.toArray(String[]::new));
  }

  @Test
  void offersTaskNamesForLogs() throws Exception {
    assertThat(complete("axon", "logs", "fix")).containsExactly("fix-issue-42", "fix-typo");
  }

  @Test
  void offersTaskNamesOfTheNamespaceOnTheLineForDescribeTask() throws Exception {
    assertThat(complete("axon", "-n", "team-a", "describe", "task", ""))
        .containsExactly("add-tests");
  }

  @Test
  void offersNamespacesAfterDashN() throws Exception {
    assertThat(complete("axon", "get", "tasks", "-n", "")).containsExactly("default", "team-a");
  }

  @Test
  void offersContextsAfterContext() throws Exception {
    assertThat(complete("axon", "--context", "")).containsExactly("mock");
  }

  @Test
  void stillCompletesCommandsStatically() throws Exception {
    assertThat(complete("axon", "desc")).containsExactly("describe");
  }
}
