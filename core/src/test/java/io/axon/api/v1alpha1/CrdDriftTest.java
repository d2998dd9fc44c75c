package io.axon.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CRDs shipped in deploy/crds are exactly those generated from the model classes. */
class CrdDriftTest {

  private static final Path SHIPPED = Path.of("..", "deploy", "crds");

  /** Every CRD shipped, so that a new kind cannot be left out of this check. */
  static Stream<String> shippedPlurals() throws IOException {
    try (Stream<Path> files = Files.list(SHIPPED)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".axon.io.yaml"))
          .map(name -> name.substring(0, name.length() - ".axon.io.yaml".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("shippedPlurals")
  void shippedCrdMatchesTheModel(String plural) throws IOException {
    String generated;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/fabric8/" + plural + ".axon.io-v1.yml")) {
      assertThat(in).as("generated CRD for %s", plural).isNotNull();
      generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path shipped = SHIPPED.resolve(plural + ".axon.io.yaml");

    assertThat(Files.readString(shipped))
        .as("deploy/crds/%s.axon.io.yaml is out of date: run hack/update-crds.sh", plural)
        .isEqualTo(generated);
  }
}
