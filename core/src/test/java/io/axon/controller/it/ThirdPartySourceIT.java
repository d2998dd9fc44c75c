package io.axon.controller.it;

import static io.axon.controller.spawner.SpawnerChecks.condition;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.When;
import io.axon.controller.plugin.PluginJars;
import io.axon.controller.spawner.SpawnerConditions;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.controller.status.Conditions;
import io.axon.spi.source.WorkSourceProvider;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source that a third party ships as a jar of its own (compiled here from source against the SPI
 * alone) feeds TaskSpawners on a real API server: the CRD keeps the plugin's own settings under
 * {@code spec.when.<its kind>}, the plugin checks them (its complaint is the spawner's {@code
 * Ready} condition), and its items become Tasks. Nothing in Axon names the plugin.
 */
class ThirdPartySourceIT {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final String PLUGIN =
      """
      package com.acme.axon;

      import io.axon.spi.source.*;
      import java.util.*;
      import java.util.concurrent.*;

      public final class AcmeTickets implements WorkSourceProvider {
        public String kind() { return "acmeTickets"; }
        public boolean needsWorkspace() { return false; }
        public Set<String> extraFields() { return Set.of("Project"); }
        public WorkSource open(WorkSourceConfig config) {
          String project = config.string("project").orElseThrow(() -> new WorkSourceException(
              WorkSourceException.Reason.INVALID_CONFIG,
              "acmeTickets.project is not set: name the ACME project whose tickets to run"));
          List<String> tickets = config.strings("tickets");
          return new WorkSource() {
            public CompletionStage<List<WorkItem>> poll() {
              List<WorkItem> items = new ArrayList<>();
              for (String t : tickets) {
                items.add(new WorkItem(project + "-" + t, Long.parseLong(t), "Ticket " + t, "Do " + t,
                    "https://acme.test/" + project + "/" + t, List.of(), Map.of("Project", project)));
              }
              return CompletableFuture.completedFuture(items);
            }
            public PollStats lastPollStats() { return PollStats.NONE; }
          };
        }
      }
      """;

  @TempDir static Path tmp;
  static ControlPlane plane;
  static KubernetesClient client;
  static URLClassLoader pluginLoader;

  @BeforeAll
  static void start() {
    pluginLoader =
        PluginJars.build(tmp, "com.acme.axon.AcmeTickets", PLUGIN, WorkSourceProvider.class);
    plane = ControlPlane.builder().start();
    client = plane.client();
  }

  @AfterAll
  static void stop() throws Exception {
    if (plane != null) {
      plane.close();
    }
    pluginLoader.close();
  }

  static TaskSpawner spawner(String ns, String name, Map<String, Object> settings) {
    TaskSpawner spawner = SpawnerFixtures.spawner(ns, name, List.of(), List.of());
    When when = new When();
    when.setPlugin("acmeTickets", settings);
    spawner.getSpec().setWhen(when);
    spawner.getSpec().getTaskTemplate().setPromptTemplate("{{.Project}}: {{.Title}}\n{{.Body}}");
    return spawner;
  }

  @Test
  void aPluginSourcesSettingsAreKeptCheckedByThePluginAndItsItemsBecomeTasks() {
    String ns = plane.createNamespace("plugin");
    WorkSourceRegistry sources = WorkSourceRegistry.load(pluginLoader);
    assertThat(sources.kinds()).contains("acmeTickets", "githubIssues", "cron");
    client
        .resource(spawner(ns, "tickets", Map.of("project", "ops", "tickets", List.of("7", "8"))))
        .create();
    client.resource(spawner(ns, "broken", Map.of("tickets", List.of("1")))).create();

    // The API server kept the plugin's settings as written.
    GenericKubernetesResource stored =
        client
            .genericKubernetesResources("axon.io/v1alpha1", "TaskSpawner")
            .inNamespace(ns)
            .withName("tickets")
            .get();
    JsonObject when =
        JsonObject.mapFrom(stored.getAdditionalProperties().get("spec")).getJsonObject("when");
    assertThat(when.getJsonObject("acmeTickets").getString("project")).isEqualTo("ops");
    assertThat(when.getJsonObject("acmeTickets").getJsonArray("tickets"))
        .isEqualTo(new JsonArray().add("7").add("8"));

    JsonObject settings = new JsonObject().put("namespaces", new JsonArray().add(ns));
    try (ControllerInstance controller =
        new ControllerInstance(plane, settings, "plugin-" + System.nanoTime(), sources)) {
      List<Task> tasks =
          Eventually.await(
              TIMEOUT,
              "the plugin's two Tasks",
              () -> client.resources(Task.class).inNamespace(ns).list().getItems(),
              list -> list.size() == 2);
      assertThat(tasks)
          .extracting(t -> t.getMetadata().getName(), t -> t.getSpec().getPrompt())
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("tickets-ops-7", "ops: Ticket 7\nDo 7"),
              org.assertj.core.groups.Tuple.tuple("tickets-ops-8", "ops: Ticket 8\nDo 8"));
      assertThat(tasks).allSatisfy(t -> assertThat(t.getSpec().getWorkspaceRef()).isNull());

      TaskSpawner polled = awaitReady(ns, "tickets", Conditions.TRUE);
      assertThat(condition(polled, SpawnerConditions.READY).getMessage())
          .isEqualTo("Polling acmeTickets every 30s");

      Condition refused = condition(awaitReady(ns, "broken", Conditions.FALSE), "Ready");
      assertThat(refused.getReason()).isEqualTo(SpawnerConditions.REASON_INVALID_SOURCE_CONFIG);
      assertThat(refused.getMessage())
          .isEqualTo(
              "spec.when.acmeTickets: acmeTickets.project is not set: name the ACME project"
                  + " whose tickets to run");
    }

    // A controller without the plugin says so.
    client
        .resource(spawner(ns, "elsewhere", Map.of("project", "ops", "tickets", List.of("9"))))
        .create();
    try (ControllerInstance controller = new ControllerInstance(plane, settings)) {
      Condition unknown = condition(awaitReady(ns, "elsewhere", Conditions.FALSE), "Ready");
      assertThat(unknown.getReason()).isEqualTo(SpawnerConditions.REASON_UNKNOWN_SOURCE_KIND);
      assertThat(unknown.getMessage())
          .startsWith("no source plugin for spec.when.acmeTickets is installed in the controller");
    }
  }

  static TaskSpawner awaitReady(String ns, String name, String status) {
    return Eventually.await(
        TIMEOUT,
        "spawner " + name + " Ready=" + status,
        () -> client.resources(TaskSpawner.class).inNamespace(ns).withName(name).get(),
        s ->
            s.getStatus() != null
                && s.getStatus().getConditions().stream()
                    .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals(status)));
  }
}
