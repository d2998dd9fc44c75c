package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.cli.install.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** deploy/install-order.txt and the files in deploy/ stay in step. */
class ManifestsTest {
  private static final Path DEPLOY = Path.of("..", "deploy");

  @Test
  void everyDeployFileIsListedOnceAndCrdsComeFirst() throws IOException {
    List<String> listed = Manifests.bundled().paths();
    List<String> onDisk;
    try (Stream<Path> crds = list("crds");
        Stream<Path> controller = list("controller")) {
      onDisk =
          Stream.concat(crds, controller)
              .map(p -> DEPLOY.relativize(p).toString())
              .sorted()
              .toList();
    }

    assertThat(listed).doesNotHaveDuplicates();
    assertThat(listed.stream().sorted().toList()).isEqualTo(onDisk);
    int lastCrd = -1;
    int firstOther = listed.size();
    for (int i = 0; i < listed.size(); i++) {
      if (listed.get(i).startsWith("crds/")) {
        lastCrd = i;
      } else {
        firstOther = Math.min(firstOther, i);
      }
    }
    assertThat(lastCrd).isLessThan(firstOther);
  }

  @Test
  void theDirectoryFormReadsTheSameFiles() {
    assertThat(Manifests.directory(DEPLOY).paths()).isEqualTo(Manifests.bundled().paths());
  }

  private static Stream<Path> list(String dir) throws IOException {
    Path path = DEPLOY.resolve(dir);
    return Files.isDirectory(path)
        ? Files.list(path).filter(p -> p.toString().endsWith(".yaml"))
        : Stream.empty();
  }
}
