package io.axon.cli.install;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageOverrideTest {
  @ParameterizedTest
  @CsvSource({
    "ghcr.io/axon-core/axon-controller:0.1.0, 0.2.0, ghcr.io/axon-core/axon-controller:0.2.0",
    "ghcr.io/axon-core/axon-controller, 0.2.0, ghcr.io/axon-core/axon-controller:0.2.0",
    "registry:5000/axon/controller:latest, v1, registry:5000/axon/controller:v1",
    "registry:5000/axon/controller, v1, registry:5000/axon/controller:v1",
    "ghcr.io/a/b@sha256:abcd, v1, ghcr.io/a/b:v1"
  })
  void replacesOnlyTheTag(String image, String tag, String expected) {
    assertThat(ImageOverride.withTag(image, tag)).isEqualTo(expected);
  }
}
