package io.axon.cli.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One local run's directories under {@code <cache>/local-runs/run-*}: the cloned {@code workspace},
 * a fresh empty {@code home} and {@code out} for the summary. The sandbox mounts these three
 * writable and nothing else; their parent stays read-only.
 */
record RunDirectory(Path root) {

  static RunDirectory create(Path cacheDir) throws IOException {
    Path runs = Files.createDirectories(cacheDir.resolve("local-runs"));
    Path root =
        Files.createTempDirectory(
            runs,
            "run-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    RunDirectory run = new RunDirectory(root);
    Files.createDirectories(run.workspace());
    Files.createDirectories(run.home());
    Files.createDirectories(run.out());
    return run;
  }

  Path workspace() {
    return root.resolve("workspace");
  }

  Path home() {
    return root.resolve("home");
  }

  Path out() {
    return root.resolve("out");
  }

  /** The prompt, handed to the entrypoint by file; in {@link #out()}, which the sandbox sees. */
  Path promptFile() {
    return out().resolve("prompt");
  }

  Path resultFile() {
    return out().resolve("result.json");
  }

  /** Removes everything but the workspace, which holds the agent's work. */
  void removeAllButWorkspace() {
    delete(home());
    delete(out());
  }

  void removeAll() {
    delete(root);
  }

  private static void delete(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // Best effort: a leftover directory under the cache is harmless.
    }
  }
}
