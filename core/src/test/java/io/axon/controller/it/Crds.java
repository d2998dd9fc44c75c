package io.axon.controller.it;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Installs the CRDs Axon ships ({@code deploy/crds}) and waits until the server serves them. */
final class Crds {
  private Crds() {}

  static List<String> install(KubernetesClient client) {
    Path dir = RepoPaths.root().resolve("deploy/crds");
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("No CRDs in " + dir);
    }
    var crds = client.apiextensions().v1().customResourceDefinitions();
    List<String> names =
        files.stream()
            .map(file -> crds.load(file.toFile()).item())
            .map(crd -> crds.resource(crd).create().getMetadata().getName())
            .toList();
    for (String name : names) {
      crds.withName(name).waitUntilCondition(Crds::established, 60, TimeUnit.SECONDS);
    }
    return names;
  }

  static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
