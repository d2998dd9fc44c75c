package io.axon.controller.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of this repository from wherever Maven runs the tests (a module directory). */
public final class RepoPaths {
  private RepoPaths() {}

  /** The repository's root: the nearest directory above the working directory with hack/. */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("hack/control-plane/build.sh"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "Cannot find hack/control-plane/build.sh above "
            + dir
            + ": run the tests from the repository.");
  }
}
