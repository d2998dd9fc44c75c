package io.axon.controller.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images a real node runs, built by hack/images/build.py from the Dockerfiles (cached by
 * content: a second run with the same jars answers at once) and imported into containerd.
 */
final class NodeImages {
  /** The agent image's tag whose CLI talks to the scripted model server (see build.py). */
  static final String TEST_TAG_SUFFIX = "-test";

  /** Image reference to its OCI archive, for pause, agent and controller. */
  final Map<String, Path> archives = new LinkedHashMap<>();

  NodeImages() {
    String out =
        HostCommands.run(
            RepoPaths.root(),
            List.of(RepoPaths.root().resolve("hack/images/build.py").toString()),
            Duration.ofMinutes(30));
    for (String line : out.strip().split("\n")) {
      String[] parts = line.strip().split(" ", 2);
      archives.put(parts[0], Path.of(parts[1]));
    }
  }

  String agent() {
    return find("ghcr.io/axon-core/axon-claude-code:");
  }

  String controller() {
    return find("ghcr.io/axon-core/axon-controller:");
  }

  private String find(String prefix) {
    return archives.keySet().stream()
        .filter(ref -> ref.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("build.py built no " + prefix + " image"));
  }

  /**
   * Makes containerd's Kubernetes namespace hold exactly these images. Its store outlives the node
   * (see RealNode), so when it already holds this set (the stamp names the archives, whose file
   * names carry their content hash) nothing is imported; otherwise every image goes first, so the
   * store never keeps more than one set.
   */
  void importInto(Path containerdSocket, Path stamp) {
    List<String> ctr = List.of("ctr", "--address", containerdSocket.toString(), "-n", "k8s.io");
    String wanted = archives.toString();
    List<String> present =
        List.of(HostCommands.run(RepoPaths.root(), concat(ctr, "images", "ls", "-q")).split("\n"));
    try {
      if (Files.exists(stamp)
          && Files.readString(stamp).equals(wanted)
          && present.containsAll(archives.keySet())) {
        return;
      }
      for (String ref : present) {
        if (!ref.isBlank()) {
          HostCommands.run(RepoPaths.root(), concat(ctr, "images", "rm", ref));
        }
      }
      archives.forEach(
          (ref, archive) ->
              HostCommands.run(
                  RepoPaths.root(),
                  concat(
                      ctr,
                      "images",
                      "import",
                      "--base-name",
                      ref.substring(0, ref.lastIndexOf(':')),
                      archive.toString()),
                  Duration.ofMinutes(5)));
      Files.writeString(stamp, wanted);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }
}
