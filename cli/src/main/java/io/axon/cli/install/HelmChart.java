package io.axon.cli.install;

import io.axon.cli.ExitCodes;
import io.axon.cli.UserException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Helm chart (deploy/helm/axon) rendered by the {@code helm} binary with the user's values
 * files and {@code --set}s, into the objects {@link Installer} applies. helm only renders here
 * ({@code helm template}): the objects are applied as {@code axon install} applies the bundled
 * manifests, so no Helm release is recorded.
 */
public final class HelmChart {
  static final String RELEASE = "axon";
  static final String NAMESPACE = "axon-system";
  private static final String BUNDLED = "io/axon/deploy/helm/axon";

  private final Path helm;
  private final Path chart;

  private HelmChart(Path helm, Path chart) {
    this.helm = helm;
    this.chart = chart;
  }

  /**
   * The chart in {@code manifestsDir}/helm/axon, or the one bundled in the CLI, rendered by {@code
   * $AXON_HELM} or the {@code helm} on {@code path}.
   */
  public static HelmChart find(Map<String, String> env, Path manifestsDir) {
    Path helm = helmBinary(env);
    Path chart = manifestsDir != null ? manifestsDir.resolve("helm/axon") : extractBundled();
    if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
      throw new UserException("no Helm chart at " + chart + " (expected " + chart + "/Chart.yaml)");
    }
    return new HelmChart(helm, chart);
  }

  static Path helmBinary(Map<String, String> env) {
    String given = env.get("AXON_HELM");
    if (given != null && !given.isBlank()) {
      Path helm = Path.of(given);
      if (!Files.isExecutable(helm)) {
        throw new UserException(
            "AXON_HELM names " + given + ", which is not an executable file", ExitCodes.USAGE);
      }
      return helm;
    }
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "helm"))) {
        return Path.of(dir, "helm");
      }
    }
    throw new UserException(
        "--values and --set need the helm binary, and there is none on PATH: install helm"
            + " (https://helm.sh/docs/intro/install/; in this repository hack/helm/build.sh builds"
            + " it into ~/.cache/axon/helm/VERSION/helm) and put it on PATH or set AXON_HELM",
        ExitCodes.USAGE);
  }

  /** {@code helm template}'s objects, CRDs first, after a Namespace for {@link #NAMESPACE}. */
  public List<HasMetadata> render(
      KubernetesClient client, List<Path> valuesFiles, List<String> sets)
      throws InterruptedException {
    for (Path file : valuesFiles) {
      if (!Files.isReadable(file)) {
        throw new UserException("cannot read values file " + file, ExitCodes.USAGE);
      }
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                helm.toString(),
                "template",
                RELEASE,
                chart.toString(),
                "--namespace",
                NAMESPACE,
                "--include-crds"));
    valuesFiles.forEach(file -> command.addAll(List.of("--values", file.toString())));
    sets.forEach(set -> command.addAll(List.of("--set", set)));
    String yaml = run(command);
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build());
    objects.addAll(
        client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items());
    return objects;
  }

  private static String run(List<String> command) throws InterruptedException {
    try {
      Path err = Files.createTempFile("axon-helm", ".err");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(err.toFile())
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new UserException("helm template did not finish within 2m");
        }
        if (process.exitValue() != 0) {
          throw new UserException(
              "helm template failed (exit %d): %s"
                  .formatted(process.exitValue(), printable(Files.readString(err).strip())),
              ExitCodes.USAGE);
        }
        return out;
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UserException("cannot run helm: " + e.getMessage());
    }
  }

  /** Without control characters but newlines: helm's message can quote the user's values. */
  private static String printable(String text) {
    return text.replaceAll("[\\p{Cntrl}&&[^\n]]", "");
  }

  /** The chart bundled in the CLI, copied to a temporary directory helm can read. */
  private static Path extractBundled() {
    URL url = HelmChart.class.getClassLoader().getResource(BUNDLED + "/Chart.yaml");
    if (url == null) {
      throw new UserException("this CLI has no Helm chart bundled; pass --manifests DIR");
    }
    try {
      Path target = Files.createTempDirectory("axon-chart");
      target.toFile().deleteOnExit();
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          copy(jar.getPath("/" + BUNDLED), target);
        }
      } else {
        copy(Path.of(uri).getParent(), target);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path dest = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(file, dest, StandardCopyOption.REPLACE_EXISTING);
        }
        dest.toFile().deleteOnExit();
      }
    }
  }
}
