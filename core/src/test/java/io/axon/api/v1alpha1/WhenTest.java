package io.axon.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A plugin source is configured under its own kind in {@code spec.when}, so the schema advertises
 * only the built-in kinds and the Java model writes a plugin's settings under its kind.
 */
class WhenTest {

  @Test
  void theSchemaNamesOnlyTheBuiltInKindsAndKeepsOtherKeysForPlugins() throws IOException {
    CustomResourceDefinition crd;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/fabric8/taskspawners.axon.io-v1.yml")) {
      crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
    JSONSchemaProps when =
        crd.getSpec()
            .getVersions()
            .get(0)
            .getSchema()
            .getOpenAPIV3Schema()
            .getProperties()
            .get("spec")
            .getProperties()
            .get("when");

    assertThat(when.getProperties())
        .containsOnlyKeys("githubIssues", "githubPullRequests", "cron", "genericWebhook");
    assertThat(when.getXKubernetesPreserveUnknownFields()).isTrue();
  }

  @Test
  void aPluginsSettingsAreWrittenUnderItsKind() {
    When when = new When();
    when.setPlugin("jiraIssues", Map.of("project", "OPS"));

    assertThat(Serialization.asJson(when)).isEqualTo("{\"jiraIssues\":{\"project\":\"OPS\"}}");
    assertThat(when.kind()).contains("jiraIssues");
    When read = Serialization.unmarshal("{\"jiraIssues\":{\"project\":\"OPS\"}}", When.class);
    assertThat(read.plugins()).isEqualTo(Map.of("jiraIssues", Map.of("project", "OPS")));
  }
}
