package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.cli.startup.DefaultKubeClientFactory;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a real kube-apiserver, through the same client factory and kubeconfig (TLS) a
 * user has: the real 404 of a missing CRD, server-side apply, CRD schema validation, re-install,
 * uninstall. There is no controller-manager here, so the test plays the Deployment controller and
 * marks the controller Deployment available itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  static RealApiServer server;
  static KubernetesClient client;
  static Path kubeconfig;
  static Path manifests;

  @TempDir static Path home;

  @BeforeAll
  static void start() throws Exception {
    server = RealApiServer.start();
    kubeconfig = server.writeKubeconfig(home.resolve("kubeconfig"));
    client =
        new KubernetesClientBuilder()
            .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(server.kubeconfigYaml()))
            .build();
    manifests = Path.of(ClusterIT.class.getResource("/manifests").toURI());
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("team").endMetadata().build())
        .create();
    Files.createDirectories(home.resolve(".axon"));
    Files.writeString(home.resolve(".axon/config.yaml"), "apiKey: sk-test\nnamespace: team\n");
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

  private static Cli.Result axon(String... args) {
    return new Cli(new DefaultKubeClientFactory(), home).run(withKubeconfig(args));
  }

  private static String[] withKubeconfig(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--kubeconfig";
    all[1] = kubeconfig.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return all;
  }

  @Test
  @Order(1)
  void beforeInstallTheRealNotFoundSaysRunAxonInstall() {
    for (String[] args :
        List.of(
            new String[] {"get", "tasks"},
            new String[] {"get", "task", "x"},
            new String[] {"logs", "x"},
            new String[] {"delete", "x"},
            new String[] {"run", "-p", "x"})) {
      Cli.Result result = axon(args);
      assertThat(result.err())
          .as(String.join(" ", args))
          .isEqualTo(
              "error: Axon is not installed in this cluster: run `axon install`%n".formatted());
      assertThat(result.exitCode()).isEqualTo(1);
    }
  }

  @Test
  @Order(2)
  void installAppliesTheManifestsAndWaitsForTheController() throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    Thread deploymentController = new Thread(() -> markAvailable(done), "deployment-controller");
    deploymentController.start();
    try {
      Cli.Result first = axon("install", "--manifests", manifests.toString(), "--timeout", "60s");
      assertThat(first.exitCode()).as(first.toString()).isZero();
      assertThat(first.out())
          .contains(
              "customresourcedefinition.apiextensions.k8s.io/tasks.axon.io serverside-applied")
          .contains("deployment axon-system/axon-controller is available");
      Deployment deployment =
          client.apps().deployments().inNamespace("axon-system").withName("axon-controller").get();
      assertThat(deployment.getMetadata().getManagedFields())
          .anyMatch(f -> "axon".equals(f.getManager()) && "Apply".equals(f.getOperation()));
      String crdVersion =
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .withName("tasks.axon.io")
              .get()
              .getMetadata()
              .getResourceVersion();

      Cli.Result again =
          axon(
              "install",
              "--manifests",
              manifests.toString(),
              "--version",
              "0.2.0",
              "--timeout",
              "60s");

      assertThat(again.exitCode()).as(again.toString()).isZero();
      assertThat(
              client
                  .apiextensions()
                  .v1()
                  .customResourceDefinitions()
                  .withName("tasks.axon.io")
                  .get()
                  .getMetadata()
                  .getResourceVersion())
          .isEqualTo(crdVersion);
      assertThat(
              client
                  .apps()
                  .deployments()
                  .inNamespace("axon-system")
                  .withName("axon-controller")
                  .get()
                  .getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .getImage())
          .isEqualTo("ghcr.io/axon-core/axon-controller:0.2.0");
    } finally {
      done.set(true);
      deploymentController.join();
    }
  }

  @Test
  @Order(3)
  void runCreatesATaskTheRealSchemaAccepts() {
    Cli.Result result =
        axon("run", "-p", "Create a hello world program in Python", "--name", "hello");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String secretName = RunCommandTest.credentials("ANTHROPIC_API_KEY", "sk-test");
    assertThat(result.out())
        .isEqualTo("secret/%s created%ntask/hello created%n".formatted(secretName));
    // No controller runs here: the real Lease lookup finds none and says so up front.
    assertThat(result.err())
        .startsWith(
            "warning: no controller holds the Lease axon-system/axon-controller (it does not"
                + " exist)");
    Task task = client.resources(Task.class).inNamespace("team").withName("hello").get();
    assertThat(task.getSpec().getCredentials().getType()).isEqualTo(CredentialType.API_KEY);
    assertThat(task.getSpec().getCredentials().getSecretRef().getName()).isEqualTo(secretName);
    var secret = client.secrets().inNamespace("team").withName(secretName).get();
    assertThat(secret.getData()).containsOnlyKeys("ANTHROPIC_API_KEY");
    assertThat(secret.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(task.getMetadata().getUid()));
  }

  @Test
  @Order(4)
  void getListsAndRoundTripsThroughJson() {
    Cli.Result table = axon("get", "tasks");
    Cli.Result json = axon("get", "tasks", "-o", "json");
    Cli.Result logs = axon("logs", "hello");

    assertThat(table.out())
        .startsWith("NAME    TYPE          PHASE   DURATION   COST   AGE\nhello   claude-code");
    KubernetesList list =
        client.getKubernetesSerialization().unmarshal(json.out(), KubernetesList.class);
    assertThat(list.getItems()).hasSize(1);
    Object item = list.getItems().get(0);
    Task parsed =
        item instanceof Task t
            ? t
            : client
                .getKubernetesSerialization()
                .convertValue((GenericKubernetesResource) item, Task.class);
    assertThat(parsed.getSpec().getPrompt()).isEqualTo("Create a hello world program in Python");
    assertThat(logs.exitCode()).isZero();
    assertThat(logs.err())
        .isEqualTo("Task hello is Pending: waiting for the controller to pick it up%n".formatted());
  }

  @Test
  @Order(5)
  void watchPrintsATaskCreatedAfterTheListing() throws Exception {
    Cli.Running watching =
        new Cli(new DefaultKubeClientFactory(), home).start(withKubeconfig("get", "tasks", "-w"));
    watching.awaitOut("hello", Duration.ofSeconds(20));

    assertThat(axon("run", "-p", "Say hi again", "--name", "watched").exitCode()).isZero();
    watching.awaitOut("watched", Duration.ofSeconds(20));
    Cli.Result result = watching.stop();
    client.resources(Task.class).inNamespace("team").withName("watched").delete();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines().filter(line -> line.startsWith("watched ")).toList())
        .isNotEmpty();
  }

  @Test
  @Order(6)
  void deleteRemovesATaskAndSaysWhenThereIsNone() {
    assertThat(axon("run", "-p", "Say bye", "--name", "bye").exitCode()).isZero();

    Cli.Result deleted = axon("delete", "task", "bye");
    Cli.Result again = axon("delete", "task", "bye");

    assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
    assertThat(deleted.out()).isEqualTo("task/bye deleted%n".formatted());
    assertThat(client.resources(Task.class).inNamespace("team").withName("bye").get()).isNull();
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("error: task bye not found in namespace team%n".formatted());
  }

  @Test
  @Order(10)
  void followingALogTheApiServerCannotServeIsAnErrorNotLogText() {
    Task task = client.resources(Task.class).inNamespace("team").withName("hello").get();
    io.fabric8.kubernetes.api.model.Pod pod =
        client
            .pods()
            .inNamespace("team")
            .resource(
                new io.fabric8.kubernetes.api.model.PodBuilder()
                    .withNewMetadata()
                    .withName("hello-pod")
                    .addToLabels("axon.io/task", "hello")
                    .endMetadata()
                    .withNewSpec()
                    .withNodeName("ghost")
                    .addNewContainer()
                    .withName("agent")
                    .withImage("agent")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    pod.setStatus(
        new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").build());
    client.pods().inNamespace("team").resource(pod).updateStatus();
    task.setStatus(new io.axon.api.v1alpha1.TaskStatus());
    task.getStatus().setPhase(io.axon.api.v1alpha1.TaskPhase.Running);
    task.getStatus().setPodName("hello-pod");
    client.resource(task).updateStatus();

    // The pod's node does not exist, so the real API server answers the log request with an
    // error.
    Cli.Result followed = axon("logs", "hello", "-f");
    Cli.Result read = axon("logs", "hello");

    assertThat(followed.exitCode()).as(followed.toString()).isEqualTo(1);
    assertThat(followed.out()).isEmpty();
    assertThat(followed.err())
        .startsWith("error: the Kubernetes API answered 404: ")
        .contains("ghost");
    assertThat(read.exitCode()).isEqualTo(1);
    assertThat(read.err()).startsWith("error: the Kubernetes API answered 404: ").contains("ghost");
    client.pods().inNamespace("team").withName("hello-pod").withGracePeriod(0).delete();
  }

  @Test
  @Order(11)
  void describeShowsTheTaskAndItsEvents() {
    Task task = client.resources(Task.class).inNamespace("team").withName("hello").get();
    client
        .v1()
        .events()
        .inNamespace("team")
        .resource(
            new io.fabric8.kubernetes.api.model.EventBuilder()
                .withNewMetadata()
                .withName("hello.1")
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("axon.io/v1alpha1")
                .withKind("Task")
                .withName("hello")
                .withNamespace("team")
                .withUid(task.getMetadata().getUid())
                .endInvolvedObject()
                .withType("Normal")
                .withReason("JobCreated")
                .withMessage("created Job hello")
                .withNewSource("axon-controller", null)
                .withLastTimestamp(java.time.Instant.now().toString())
                .build())
        .create();

    Cli.Result result = axon("describe", "task", "hello");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("Name:         hello\nNamespace:    team\n")
        .contains("Phase:        Running\n")
        .contains("Prompt:       Create a hello world program in Python\n")
        .contains("Pod:          hello-pod (gone)\n")
        .containsPattern(
            "Events:\n  LAST SEEN +TYPE +REASON +FROM +MESSAGE\n  .* +Normal +JobCreated +axon-controller +created Job hello\n");
  }

  @Test
  @Order(12)
  void waitEndsWithExitCodesAPipelineCanUse() throws Exception {
    Cli.Running waiting =
        new Cli(new DefaultKubeClientFactory(), home)
            .start(
                withKubeconfig(
                    "wait",
                    "hello",
                    "--for=phase=Succeeded",
                    "--timeout=60s",
                    "--poll-interval=100ms"));
    Task task = client.resources(Task.class).inNamespace("team").withName("hello").get();
    task.getStatus().setPhase(io.axon.api.v1alpha1.TaskPhase.Succeeded);
    client.resource(task).updateStatus();
    Cli.Result succeeded = waiting.await(Duration.ofSeconds(30));

    Cli.Result never = axon("wait", "hello", "--for=phase=Failed", "--timeout=10s");
    Cli.Result timedOut = axon("wait", "hello", "--for=condition=Ready", "--timeout=0s");
    assertThat(axon("run", "-p", "later", "--name", "later").exitCode()).isZero();
    Cli.Result pending = axon("wait", "later", "--for=phase=Running", "--timeout=1s");
    Cli.Result deleted = axon("wait", "nope", "--for=delete");

    assertThat(succeeded.exitCode()).as(succeeded.toString()).isZero();
    assertThat(succeeded.out()).isEqualTo("task/hello condition met%n".formatted());
    assertThat(never.exitCode()).as(never.toString()).isEqualTo(1);
    assertThat(never.err()).contains("task/hello ended Succeeded");
    assertThat(timedOut.exitCode()).as(timedOut.toString()).isEqualTo(1);
    assertThat(pending.exitCode()).as(pending.toString()).isEqualTo(3);
    assertThat(pending.err())
        .isEqualTo(
            "error: timed out after 1s waiting for task/later --for=phase=Running (now: phase"
                .concat(" Pending)%n")
                .formatted());
    assertThat(deleted.exitCode()).isZero();
    client.resources(Task.class).inNamespace("team").withName("later").delete();
  }

  @Test
  @Order(13)
  void deleteTakesSeveralNamesAndSelectors() {
    for (String[] nameAndTeam : new String[][] {{"t-x", "a"}, {"t-y", "a"}, {"t-z", "b"}}) {
      Task task = Fixtures.task("team", nameAndTeam[0], null);
      task.getMetadata().setLabels(java.util.Map.of("team", nameAndTeam[1]));
      client.resource(task).create();
    }

    Cli.Result listed = axon("get", "tasks", "-l", "team in (a,b)", "-o", "name");
    Cli.Result bySelector = axon("delete", "tasks", "-l", "team in (a)");
    Cli.Result byName = axon("delete", "task", "t-z", "nope");

    assertThat(listed.out()).isEqualTo("task/t-x%ntask/t-y%ntask/t-z%n".formatted());
    assertThat(bySelector.exitCode()).as(bySelector.toString()).isZero();
    assertThat(bySelector.out()).isEqualTo("task/t-x deleted%ntask/t-y deleted%n".formatted());
    assertThat(byName.exitCode()).isEqualTo(1);
    assertThat(byName.out()).isEqualTo("task/t-z deleted%n".formatted());
    assertThat(byName.err())
        .isEqualTo("error: task nope not found in namespace team%n".formatted());
    assertThat(client.resources(Task.class).inNamespace("team").list().getItems())
        .extracting(t -> t.getMetadata().getName())
        .containsExactly("hello");
  }

  @Test
  @Order(14)
  void aRunThatFailsLeavesNothingBehind() throws Exception {
    // Only the Task CRD is installed here, so creating the inline Workspace fails after the run
    // has written its two Secrets.
    Path other = home.resolve("other-config.yaml");
    Files.writeString(
        other,
        """
        apiKey: sk-other
        namespace: team
        workspace:
          repo: https://github.com/your-org/repo.git
          token: ghp_other
        """);
    int secretsBefore = client.secrets().inNamespace("team").list().getItems().size();

    Cli.Result missingSecret = axon("run", "-p", "x", "--secret", "nope");
    Cli.Result failedWorkspace = axon("--config", other.toString(), "run", "-p", "x");

    assertThat(missingSecret.exitCode()).isEqualTo(1);
    assertThat(missingSecret.err()).startsWith("error: secret nope not found in namespace team");
    assertThat(failedWorkspace.exitCode()).as(failedWorkspace.toString()).isEqualTo(1);
    assertThat(failedWorkspace.out()).contains("secret/axon-credentials-");
    assertThat(client.secrets().inNamespace("team").list().getItems()).hasSize(secretsBefore);
    assertThat(client.resources(Task.class).inNamespace("team").list().getItems()).hasSize(1);
  }

  @Test
  @Order(15)
  void versionNamesTheServerAndTheController() {
    Cli.Result result = axon("version");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .containsPattern("\nserver v1\\.\\d+\\.\\d+")
        .contains("\ncontroller 0.2.0 (ghcr.io/axon-core/axon-controller:0.2.0)\n");
  }

  @Test
  @Order(100)
  void uninstallRemovesEverythingAxonMadeAndNothingElse() {
    client
        .secrets()
        .inNamespace("team")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("users-own")
                .endMetadata()
                .addToStringData("token", "keep me")
                .build())
        .create();

    Cli.Result result = axon("uninstall", "--yes", "--manifests", manifests.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("1 task(s) deleted", "1 secret(s) made by axon run deleted")
        .endsWith("Axon is uninstalled.\n");
    // The Secret `axon run` made from the config file goes; the user's own stays.
    assertThat(
            client
                .secrets()
                .inNamespace("team")
                .withLabel("app.kubernetes.io/managed-by", "axon")
                .list()
                .getItems())
        .isEmpty();
    assertThat(client.secrets().inNamespace("team").withName("users-own").get()).isNotNull();
    assertThat(
            client.apiextensions().v1().customResourceDefinitions().withName("tasks.axon.io").get())
        .satisfiesAnyOf(
            crd -> assertThat(crd).isNull(),
            crd -> assertThat(crd.getMetadata().getDeletionTimestamp()).isNotNull());
    assertThat(axon("get", "tasks").err()).contains("Axon is not installed");
  }

  /**
   * Plays the Deployment controller: reports the controller Deployment available once it exists.
   */
  private static void markAvailable(AtomicBoolean done) {
    while (!done.get()) {
      try {
        Deployment deployment =
            client
                .apps()
                .deployments()
                .inNamespace("axon-system")
                .withName("axon-controller")
                .get();
        if (deployment != null
            && (deployment.getStatus() == null
                || !Long.valueOf(deployment.getMetadata().getGeneration())
                    .equals(deployment.getStatus().getObservedGeneration()))) {
          DeploymentCondition available =
              new DeploymentConditionBuilder().withType("Available").withStatus("True").build();
          DeploymentStatus status = new DeploymentStatus();
          status.setObservedGeneration(deployment.getMetadata().getGeneration());
          status.setReplicas(1);
          status.setUpdatedReplicas(1);
          status.setReadyReplicas(1);
          status.setAvailableReplicas(1);
          status.setConditions(List.of(available));
          deployment.setStatus(status);
          client.resource(deployment).updateStatus();
        }
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // A conflict with the CLI's own apply: try again on the next round.
      }
    }
  }
}
