package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.cli.install.Installer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code axon install} on the mock server in expectation mode (it has no server-side apply): the
 * requests it makes, and how it waits. InstallIT applies the real manifests to a real API server.
 */
@EnableKubernetesMockClient
class InstallCommandTest {
  static final String CRD = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/tasks.axon.io";
  static final String NAMESPACE = "/api/v1/namespaces/axon-system";
  static final String DEPLOYMENT =
      "/apis/apps/v1/namespaces/axon-system/deployments/axon-controller";
  static final String APPLY = "?fieldManager=axon&force=true";

  KubernetesClient client;
  KubernetesMockServer server;

  @TempDir Path home;
  Path manifests;

  @BeforeEach
  void setUp() throws Exception {
    manifests = Path.of(getClass().getResource("/manifests").toURI());
    server.expect().patch().withPath(CRD + APPLY).andReturn(200, crd(false)).always();
    server
        .expect()
        .patch()
        .withPath(NAMESPACE + APPLY)
        .andReturn(
            200,
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"axon-system\"}}")
        .always();
    server.expect().patch().withPath(DEPLOYMENT + APPLY).andReturn(200, deployment(0)).always();
    server.expect().get().withPath(CRD).andReturn(200, crd(false)).once();
    server.expect().get().withPath(CRD).andReturn(200, crd(true)).always();
  }

  @Test
  void appliesInOrderWithServerSideApplyAndWaitsForTheController() throws Exception {
    server.expect().get().withPath(DEPLOYMENT).andReturn(200, deployment(0)).times(2);
    server.expect().get().withPath(DEPLOYMENT).andReturn(200, deployment(1)).always();

    Cli.Result result =
        new Cli(client, home)
            .run("install", "--manifests", manifests.toString(), "--poll-interval", "10ms");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .startsWith("Installing Axon into " + client.getMasterUrl())
        .contains(
            """
            customresourcedefinition.apiextensions.k8s.io/tasks.axon.io serverside-applied
            namespace/axon-system serverside-applied
            deployment.apps/axon-controller serverside-applied
            Waiting for deployment axon-system/axon-controller to be available...
            deployment axon-system/axon-controller is available (""")
        .endsWith("Axon is installed. Next: `axon init`, then `axon run -p \"...\"`.\n");
    List<RecordedRequest> patches = requests("PATCH");
    assertThat(patches)
        .extracting(RecordedRequest::getPath)
        .containsExactly(CRD + APPLY, NAMESPACE + APPLY, DEPLOYMENT + APPLY);
    for (RecordedRequest patch : patches) {
      assertThat(patch.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
    }
    assertThat(patches.get(2).getBody().readUtf8())
        .contains("ghcr.io/axon-core/axon-controller:0.1.0");
  }

  @Test
  void versionAndImageChooseTheControllerImage() throws Exception {
    server.expect().get().withPath(DEPLOYMENT).andReturn(200, deployment(1)).always();

    Cli.Result tagged =
        new Cli(client, home)
            .run("install", "--manifests", manifests.toString(), "--version", "0.2.0");
    String taggedBody = requests("PATCH").get(2).getBody().readUtf8();
    Cli.Result image =
        new Cli(client, home)
            .run(
                "install",
                "--manifests",
                manifests.toString(),
                "--image",
                "registry.local:5000/axon:dev");
    String imageBody = requests("PATCH").get(2).getBody().readUtf8();
    Cli.Result both = new Cli(client, home).run("install", "--version", "1", "--image", "x");

    assertThat(tagged.exitCode()).as(tagged.toString()).isZero();
    assertThat(taggedBody).contains("ghcr.io/axon-core/axon-controller:0.2.0");
    assertThat(image.exitCode()).isZero();
    assertThat(imageBody).contains("registry.local:5000/axon:dev");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void aControllerThatNeverComesUpTimesOutWithAReason() {
    server.expect().get().withPath(DEPLOYMENT).andReturn(200, deployment(0)).always();
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/axon-system/pods?labelSelector=app.kubernetes.io%2Fname%3Daxon-controller")
        .andReturn(
            200,
            """
            {"apiVersion":"v1","kind":"PodList","metadata":{},"items":[{"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"axon-controller-1","namespace":"axon-system"},
             "status":{"phase":"Pending","containerStatuses":[{"name":"controller","ready":false,"restartCount":0,
              "image":"x","imageID":"","state":{"waiting":{"reason":"ImagePullBackOff"}}}]}}]}
            """)
        .always();

    Cli.Result result =
        new Cli(client, home)
            .run(
                "install",
                "--manifests",
                manifests.toString(),
                "--timeout",
                "3s",
                "--poll-interval",
                "20ms");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            ("error: deployment axon-system/axon-controller did not become available within 3s"
                    + " (controller: ImagePullBackOff); see `kubectl -n axon-system describe"
                    + " deployment axon-controller`%n")
                .formatted());
  }

  @Test
  void onATerminalTheWaitIsOneRedrawnLine() {
    server.expect().get().withPath(DEPLOYMENT).andReturn(200, deployment(0)).times(3);
    server.expect().get().withPath(DEPLOYMENT).andReturn(200, deployment(1)).always();

    Cli.Result result =
        new Cli(client, home)
            .terminal(new Terminal(true, true))
            .run("install", "--manifests", manifests.toString(), "--poll-interval", "10ms");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("\r\u001b[KWaiting for deployment axon-system/axon-controller: 0/1 ready (")
        .contains("\r\u001b[Kdeployment axon-system/axon-controller is available (")
        .doesNotContain("to be available...");
  }

  @Test
  void theBundledIndexListsOnlyFilesThatExist() {
    server.expect().get().withPath(DEPLOYMENT).andReturn(200, deployment(1)).always();
    // The bundled manifests (deploy module) are read from the class path; here only their
    // listing matters, so every apply answers with the CRD.
    io.axon.cli.install.Manifests bundled = io.axon.cli.install.Manifests.bundled();

    assertThat(bundled.paths()).isNotEmpty().allMatch(p -> p.endsWith(".yaml"));
    // Every listed file loads; a file may hold several objects (rbac.yaml holds four).
    assertThat(bundled.load(client))
        .hasSizeGreaterThanOrEqualTo(bundled.paths().size())
        .extracting(o -> o.getKind())
        .contains("CustomResourceDefinition", "Namespace", "ClusterRole", "Deployment");
  }

  private List<RecordedRequest> requests(String method) throws InterruptedException {
    List<RecordedRequest> found = new ArrayList<>();
    for (RecordedRequest request = server.takeRequest(100, TimeUnit.MILLISECONDS);
        request != null;
        request = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
      if (request.getMethod().equals(method)) {
        found.add(request);
      }
    }
    return found;
  }

  @Test
  void aCrdWhoseStatusHasNoConditionsYetIsNotEstablished() {
    CustomResourceDefinition fresh =
        new CustomResourceDefinitionBuilder().withNewStatus().endStatus().build();
    fresh.getStatus().setConditions(null);
    CustomResourceDefinition ready =
        client.getKubernetesSerialization().unmarshal(crd(true), CustomResourceDefinition.class);

    assertThat(Installer.established(fresh)).isFalse();
    assertThat(Installer.established(null)).isFalse();
    assertThat(Installer.established(ready)).isTrue();
  }

  private String crd(boolean established) {
    CustomResourceDefinitionBuilder crd =
        new CustomResourceDefinitionBuilder()
            .withNewMetadata()
            .withName("tasks.axon.io")
            .endMetadata();
    if (established) {
      crd.withNewStatus()
          .addNewCondition()
          .withType("Established")
          .withStatus("True")
          .endCondition()
          .endStatus();
    }
    CustomResourceDefinition built = crd.build();
    return client.getKubernetesSerialization().asJson(built);
  }

  private String deployment(int available) {
    DeploymentBuilder deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("axon-controller")
            .withNamespace("axon-system")
            .withGeneration(1L)
            .endMetadata()
            .withNewSpec()
            .withReplicas(1)
            .withNewSelector()
            .addToMatchLabels("app.kubernetes.io/name", "axon-controller")
            .endSelector()
            .endSpec()
            .withNewStatus()
            .withObservedGeneration(1L)
            .withReplicas(1)
            .withUpdatedReplicas(1)
            .withAvailableReplicas(available)
            .addNewCondition()
            .withType("Available")
            .withStatus(available > 0 ? "True" : "False")
            .endCondition()
            .endStatus();
    Deployment built = deployment.build();
    return client.getKubernetesSerialization().asJson(built);
  }
}
