package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.api.v1alpha1.Cron;
import io.axon.api.v1alpha1.GitHubPullRequests;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.spawner.SpawnerFixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API server checks the built-in sources' settings in {@code spec.when} and refuses two of them
 * at once, while leaving a plugin's key alone (ThirdPartySourceIT shows it kept).
 */
class WhenSchemaIT {
  static ControlPlane plane;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start();
    client = plane.client();
  }

  @AfterAll
  static void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void builtInSourcesAreCheckedAndOnlyOneIsAccepted() {
    String ns = plane.createNamespace("when");
    TaskSpawner two = SpawnerFixtures.spawner(ns, "two", List.of("bug"), List.of());
    Cron cron = new Cron();
    cron.setSchedule("0 7 * * *");
    two.getSpec().getWhen().setCron(cron);
    assertThatThrownBy(() -> client.resource(two).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(
            "when names one source: keep one of githubIssues, githubPullRequests, cron and"
                + " genericWebhook");

    TaskSpawner pulls = SpawnerFixtures.spawner(ns, "pulls", List.of(), List.of());
    GitHubPullRequests settings = new GitHubPullRequests();
    settings.setWorkspaceRef(new LocalObjectReference("widgets"));
    pulls.getSpec().getWhen().setGithubIssues(null);
    pulls.getSpec().getWhen().setGithubPullRequests(settings);
    TaskSpawner stored = client.resource(pulls).create();
    assertThat(stored.getSpec().getWhen().getGithubPullRequests().getState().name())
        .as("defaulted by the schema")
        .isEqualTo("open");

    TaskSpawner badCron = SpawnerFixtures.spawner(ns, "bad-cron", List.of(), List.of());
    Cron missing = new Cron();
    badCron.getSpec().getWhen().setGithubIssues(null);
    badCron.getSpec().getWhen().setCron(missing);
    assertThatThrownBy(() -> client.resource(badCron).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("schedule");
  }
}
