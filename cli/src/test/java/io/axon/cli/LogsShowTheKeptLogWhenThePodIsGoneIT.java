package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.cli.logs.LineProtocolRuntime;
import io.axon.cli.startup.DefaultKubeClientFactory;
import io.axon.client.transcript.TranscriptCap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real API server, `axon logs` of a finished Task whose pod is gone reads the ConfigMap the
 * controller kept its log in, and renders it as it renders a pod's log (`--raw`: the lines as they
 * were), the cut in the middle of a long log marked.
 */
class LogsShowTheKeptLogWhenThePodIsGoneIT {
  static RealApiServer server;
  static KubernetesClient client;
  static Path kubeconfig;

  @TempDir static Path home;

  @BeforeAll
  static void start() throws Exception {
    server = RealApiServer.start();
    kubeconfig = server.writeKubeconfig(home.resolve("kubeconfig"));
    client =
        new KubernetesClientBuilder()
            .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(server.kubeconfigYaml()))
            .build();
    try (InputStream crd =
        LogsShowTheKeptLogWhenThePodIsGoneIT.class.getResourceAsStream(
            "/manifests/crds/tasks.axon.io.yaml")) {
      CustomResourceDefinition loaded =
          client.apiextensions().v1().customResourceDefinitions().load(crd).item();
      client.resource(loaded).create();
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(loaded.getMetadata().getName())
          .waitUntilCondition(
              c ->
                  c.getStatus() != null
                      && c.getStatus().getConditions() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              s ->
                                  "Established".equals(s.getType())
                                      && "True".equals(s.getStatus())),
              60,
              java.util.concurrent.TimeUnit.SECONDS);
    }
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("team").endMetadata().build())
        .create();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void logsRendersTheKeptLogAndRawGivesItsLines() throws Exception {
    Task task = finishedTask("kept");
    String log = LogsShowTheKeptLogTest.TRANSCRIPT;
    client
        .resource(
            new TranscriptCap()
                .readAll(new StringReader(log))
                .finish()
                .toConfigMap(task, "kept-abcde"))
        .create();

    Cli.Result rendered = axon("logs", "kept");
    Cli.Result raw = axon("logs", "kept", "--raw");

    assertThat(rendered.exitCode()).as(rendered.toString()).isZero();
    assertThat(rendered.out()).isEqualTo(LogsShowTheKeptLogTest.RENDERED);
    assertThat(rendered.err())
        .isEqualTo(
            "The pod of task kept is gone; this is the log kept when it finished.%n".formatted());
    assertThat(raw.out()).isEqualTo(log);
  }

  @Test
  void theMiddleOfALongLogIsMarkedWhereItWasLeftOut() throws Exception {
    Task task = finishedTask("long");
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      log.append("text line-%04d%n".formatted(i));
    }
    // 15 bytes a line, a cap of 300: the first 10 lines and the last 10.
    client
        .resource(
            new TranscriptCap(300, 1 << 20)
                .readAll(new StringReader(log.toString()))
                .finish()
                .toConfigMap(task, "long-abcde"))
        .create();

    Cli.Result raw = axon("logs", "long", "--raw");

    String[] lines = raw.out().split("\n");
    assertThat(lines).hasSize(21);
    assertThat(lines[9]).isEqualTo("text line-0009");
    assertThat(lines[10]).startsWith("[axon] … 80 lines (1200 bytes) left out here");
    assertThat(lines[11]).isEqualTo("text line-0090");
  }

  @Test
  void withoutAKeptLogItSaysTheLogIsGone() throws Exception {
    finishedTask("nothing-kept");

    Cli.Result shown = axon("logs", "nothing-kept");

    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    assertThat(shown.out()).isEmpty();
    assertThat(shown.err())
        .startsWith(
            "The log of task nothing-kept is gone: its pod nothing-kept-abcde no longer exists.");
  }

  private static Task finishedTask(String name) {
    Task task = Fixtures.task("team", name, null);
    task.getSpec().setType(LineProtocolRuntime.TYPE);
    Task created = client.resource(task).create();
    TaskStatus status = new TaskStatus();
    status.setPhase(TaskPhase.Succeeded);
    status.setPodName(name + "-abcde");
    status.setStartTime("2026-11-20T11:00:00Z");
    created.setStatus(status);
    return client.resource(created).updateStatus();
  }

  private static Cli.Result axon(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "--kubeconfig";
    all[1] = kubeconfig.toString();
    all[2] = "-n";
    all[3] = "team";
    System.arraycopy(args, 0, all, 4, args.length);
    return new Cli(new DefaultKubeClientFactory(), home).run(all);
  }
}
