package io.axon.cli.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.cli.AxonCli;
import io.axon.cli.CliContext;
import io.axon.cli.Terminal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data cache's training run: a main class of its own, over HTTPS with a fresh key. */
class TrainingRunTest {

  @Test
  void theTrainingRunServesHttpsWithAnIdentityMadeForItAndTheJarShipsNoKey()
      throws IOException, InterruptedException {
    assertThat(TrainingRun.run()).isEqualTo(TrainingRun.TRAINED);

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

  @Test
  void trainingIsNoCommandOfTheCli(@TempDir Path home) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext cli =
        new CliContext(
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(new byte[0]),
            (kubeconfig, context) -> null,
            Map.of(),
            Terminal.none(),
            Clock.systemUTC(),
            home);

    int code = AxonCli.run(cli, "__train");

    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("__train");
    assertThat(out.toString()).doesNotContain("trained");
  }
}
