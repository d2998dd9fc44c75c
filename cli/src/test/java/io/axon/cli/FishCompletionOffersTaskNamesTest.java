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
 * The script of {@code axon completion fish}, sourced in real fish, gets Task names, namespaces and
 * contexts back from a real {@code axon} process talking to the API server: {@code complete -C
 * LINE} is fish's own completion of LINE, as at a TAB.
 */
@EnableKubernetesMockClient(crud = true)
class FishCompletionOffersTaskNamesTest {
  private static final String PROGRAM =
      """
      function axon
          $AXON_TEST_JAVA -cp $AXON_TEST_CP io.axon.cli.Main $argv 2>>$HOME/axon.stderr
      end
      source $AXON_TEST_SCRIPT
      complete -C $argv[1]
      """;

  KubernetesClient client;

  @TempDir Path home;
  CompletionShell shell;

  @BeforeEach
  void setUp() throws Exception {
    shell = CompletionShell.forShell("fish", client, home);
  }

  /** The candidates fish offers at the end of {@code line}, without their descriptions. */
  List<String> complete(String line) throws Exception {
    return shell.run("fish", "--no-config", "-c", PROGRAM, line).stream()
        .map(candidate -> candidate.split("\t", 2)[0])
        .toList();
  }

  @Test
  void offersTaskNamesForLogs() throws Exception {
    assertThat(complete("axon logs fix")).containsExactly("fix-issue-42", "fix-typo");
  }

  @Test
  void offersTaskNamesOfTheNamespaceOnTheLineForDescribeTask() throws Exception {
    assertThat(complete("axon -n team-a describe task ")).containsExactly("add-tests");
  }

  @Test
  void offersNamespacesAfterDashN() throws Exception {
    assertThat(complete("axon get tasks -n ")).containsExactly("default", "team-a");
  }

  @Test
  void offersContextsAfterContext() throws Exception {
    assertThat(complete("axon --context ")).containsExactly("mock");
  }

  @Test
  void stillCompletesCommandsStatically() throws Exception {
    assertThat(complete("axon desc")).containsExactly("describe");
  }
}
