package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.cli.startup.DefaultKubeClientFactory;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real API server, `axon get -o jsonpath=TEMPLATE` prints what kubectl's template picks out of
 * the objects, for a list and for one Task, and refuses a broken template with exit 2.
 */
class GetJsonPathIT {
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
        GetJsonPathIT.class.getResourceAsStream("/manifests/crds/tasks.axon.io.yaml")) {
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
              TimeUnit.SECONDS);
    }
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("team").endMetadata().build())
        .create();
    task("fix-1", TaskPhase.Succeeded);
    task("fix-2", TaskPhase.Failed);
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
  void printsWhatTheTemplatePicksOut() {
    Cli.Result names = axon("get", "tasks", "-o", "jsonpath={.items[*].metadata.name}");
    Cli.Result phases =
        axon(
            "get",
            "tasks",
            "-o",
            "jsonpath={range .items[*]}{.metadata.name}={.status.phase}{\"\\n\"}{end}");
    Cli.Result one = axon("get", "task", "fix-2", "-o", "jsonpath={.status.phase}");

    assertThat(names.exitCode()).as(names.toString()).isZero();
    assertThat(names.out()).isEqualTo("fix-1 fix-2");
    assertThat(phases.out()).isEqualTo("fix-1=Succeeded\nfix-2=Failed\n");
    assertThat(one.out()).isEqualTo("Failed");
  }

  @Test
  void aBrokenTemplateIsAUsageError() {
    Cli.Result broken = axon("get", "tasks", "-o", "jsonpath={.items[*");
    Cli.Result unknown = axon("get", "tasks", "-o", "xml");

    assertThat(broken.exitCode()).isEqualTo(2);
    assertThat(broken.err())
        .contains("-o jsonpath={.items[*: an unclosed {")
        .doesNotContain("Exception");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("-o xml: use wide, yaml, json, name or jsonpath=TEMPLATE");
  }

  private static void task(String name, TaskPhase phase) {
    Task created = client.resource(Fixtures.task("team", name, null)).create();
    TaskStatus status = new TaskStatus();
    status.setPhase(phase);
    created.setStatus(status);
    client.resource(created).updateStatus();
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
