package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

  @Test
  void theTrainingRunServesHttpsWithAnIdentityMadeForItAndTheJarShipsNoKey(@TempDir Path home)
      throws IOException {
    Cli.Result result = new Cli((kubeconfig, context) -> null, home).run("__train");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("trained%n".formatted());

    List<Path> resources;
    try (Stream<Path> files = Files.walk(Path.of("target/classes"))) {
      resources = files.filter(Files::isRegularFile).toList();
    }
    assertThat(resources).isNotEmpty();
    for (Path file : resources) {
      assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
          .as(file.toString())
          .doesNotContain("PRIVATE KEY-----");
    }
  }
}
