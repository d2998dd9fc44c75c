package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script of {@code axon completion bash}, run in real bash with COMP_WORDS and COMP_CWORD set
 * as bash sets them at a TAB, gets Task names, namespaces and contexts back from a real {@code
 * axon} process talking to the API server.
 */
@EnableKubernetesMockClient(crud = true)
class BashCompletionOffersTaskNamesTest {
  KubernetesClient client;

  @TempDir Path home;
  CompletionShell shell;

  @BeforeEach
  void setUp() throws Exception {
    shell = CompletionShell.forShell("bash", client, home);
  }

  /** What bash's completion offers for the line {@code words}, the last word being completed. */
  List<String> complete(String... words) throws Exception {
    StringBuilder line = new StringBuilder();
    for (String word : words) {
      line.append(" '").append(word).append("'");
    }
    String program =
        """
        axon() { "$AXON_TEST_JAVA" -cp "$AXON_TEST_CP" io.axon.cli.Main "$@" 2>>"$HOME/axon.stderr"; }
        source "$AXON_TEST_SCRIPT"
        COMP_WORDS=(%s)
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE="${COMP_WORDS[*]}"
        COMP_POINT=${#COMP_LINE}
        _axon_dynamic axon "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%%s\\n' "${COMPREPLY[@]}"
        """
            .formatted(line);
    return shell.run("bash", "-c", program);
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
