package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real helm binary that hack/helm/build.sh builds (cached), and the chart of deploy/helm. */
final class Helm {
  static final String VERSION = "4.3.2";
  static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
  static final Path CHART = DEPLOY.resolve("helm/axon");

  static Path binary() {
    String cache =
        System.getenv()
            .getOrDefault("AXON_CACHE_DIR", System.getProperty("user.home") + "/.cache/axon");
    Path helm = Path.of(cache, "helm", VERSION, "helm");
    assertThat(Files.isExecutable(helm))
        .as("no helm at %s: run hack/helm/build.sh (hack/provision.sh does)", helm)
        .isTrue();
    return helm;
  }

  /** Runs helm with these arguments; its stdout, after asserting exit code 0. */
  static String run(Path kubeconfig, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    Path home = Files.createTempDirectory("helm-home");
    builder.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
    builder.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
    builder.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
    if (kubeconfig != null) {
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
    }
    Path err = home.resolve("stderr");
    builder.redirectError(err.toFile());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("helm %s finished", args[0]).isTrue();
    assertThat(process.exitValue())
        .as("helm %s: %s", String.join(" ", args), Files.readString(err))
        .isZero();
    return out;
  }

  /** The objects of a multi-document YAML stream. */
  static List<HasMetadata> objects(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
        objects.add(Serialization.unmarshal(doc, HasMetadata.class));
      }
    }
    return objects;
  }

  private Helm() {}
}
