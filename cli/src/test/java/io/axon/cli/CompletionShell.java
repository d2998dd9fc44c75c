package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real shell with {@code axon completion SHELL}'s script loaded, against a cluster holding the
 * Tasks fix-issue-42 and fix-typo (default) and add-tests (team-a), and a kubeconfig whose one
 * context is "mock". {@code axon} in the shell is a real process of the CLI on this test's class
 * path, so the candidates come from the API server as a user's would.
 */
final class CompletionShell {
  private final Path home;
  private final Path script;
  private final Path kubeconfig;

  private CompletionShell(Path home, Path script, Path kubeconfig) {
    this.home = home;
    this.script = script;
    this.kubeconfig = kubeconfig;
  }

  static CompletionShell forShell(String shell, KubernetesClient client, Path home)
      throws IOException {
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
    Cli.Result generated = new Cli(client, home).run("completion", shell);
    assertThat(generated.exitCode()).as(generated.toString()).isZero();
    Path script = Files.writeString(home.resolve("axon." + shell), generated.out());
    Path kubeconfig =
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
    return new CompletionShell(home, script, kubeconfig);
  }

  /**
   * The lines {@code command} (the shell's binary and its flags, the program last) prints. In the
   * program, $AXON_TEST_JAVA and $AXON_TEST_CP run the CLI, $AXON_TEST_SCRIPT is the completion
   * script; the CLI's stderr must stay empty, as a completion never shows a message.
   */
  List<String> run(String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)));
    builder.environment().put("AXON_TEST_JAVA", java());
    builder.environment().put("AXON_TEST_CP", System.getProperty("java.class.path"));
    builder.environment().put("AXON_TEST_SCRIPT", script.toString());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("HOME", home.toString());
    builder.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    builder.environment().put("XDG_DATA_HOME", home.resolve(".local/share").toString());
    // A cold JVM on a loaded CI machine can take longer than a TAB's default 5 s.
    builder.environment().put("AXON_COMPLETE_TIMEOUT", "60s");
    builder.directory(home.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.redirectError(home.resolve("shell.stderr").toFile());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as("%s: %s", command[0], Files.readString(home.resolve("shell.stderr")))
        .isZero();
    Path axonErr = home.resolve("axon.stderr");
    assertThat(Files.exists(axonErr) ? Files.readString(axonErr) : "")
        .as("axon's stderr")
        .isEmpty();
    return out.lines().filter(line -> !line.isEmpty()).toList();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
