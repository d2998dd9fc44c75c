package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  Path script;
  Path kubeconfig;

  @BeforeEach
  void setUp() throws Exception {
    Fixtures.create(client, Fixtures.task("default", "fix-issue-42", null));
    Fixtures.create(client, Fixtures.task("default", "fix-typo", null));
    Fixtures.create(client, Fixtures.task("team-a", "add-tests", null));
    for (String namespace : List.of("default", "team-a")) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    }
    Cli.Result generated = new Cli(client, home).run("completion", "bash");
    assertThat(generated.exitCode()).as(generated.toString()).isZero();
    script = Files.writeString(home.resolve("axon.bash"), generated.out());
    kubeconfig =
        Files.writeString(
            home.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            clusters:
            - name: mock
              cluster: {server: "%s", insecure-skip-tls-verify: true}
            users:
            - name: u
              user: {token: t}
            contexts:
            - name: mock
              context: {cluster: mock, user: u, namespace: default}
            current-context: mock
            """
                .formatted(client.getMasterUrl()));
  }

  /** What bash's completion offers for the line {@code words}, the last word being completed. */
  List<String> complete(String... words) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", program);
    builder.environment().put("AXON_TEST_JAVA", java);
    builder.environment().put("AXON_TEST_CP", System.getProperty("java.class.path"));
    builder.environment().put("AXON_TEST_SCRIPT", script.toString());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("HOME", home.toString());
    // A cold JVM on a loaded CI machine can take longer than a TAB's default 5 s.
    builder.environment().put("AXON_COMPLETE_TIMEOUT", "60s");
    builder.redirectError(home.resolve("stderr").toFile());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as("bash: %s", Files.readString(home.resolve("stderr")))
        .isZero();
    Path axonErr = home.resolve("axon.stderr");
    assertThat(Files.exists(axonErr) ? Files.readString(axonErr) : "")
        .as("axon's stderr")
        .isEmpty();
    return out.lines().filter(l -> !l.isEmpty()).toList();
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
