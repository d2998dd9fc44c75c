package io.axon.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CRDs shipped in deploy/crds are exactly those generated from the model classes. */
class CrdDriftTest {

  @ParameterizedTest
  @ValueSource(strings = {"tasks", "taskspawners", "workspaces", "agentconfigs", "gatewaypolicies"})
  void shippedCrdMatchesTheModel(String plural) throws IOException {
    String generated;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/fabric8/" + plural + ".axon.io-v1.yml")) {
      assertThat(in).as("generated CRD for %s", plural).isNotNull();
      generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path shipped = Path.of("..", "deploy", "crds", plural + ".axon.io.yaml");

    assertThat(Files.readString(shipped))
        .as("deploy/crds/%s.axon.io.yaml is out of date: run hack/update-crds.sh", plural)
        .isEqualTo(generated);
  }
}
