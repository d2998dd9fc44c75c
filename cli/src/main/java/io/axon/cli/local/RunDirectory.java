package io.axon.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One local run's directories under {@code <cache>/local-runs/run-*}: the cloned {@code workspace},
 * a fresh empty {@code home}, {@code out} for the summary, the sandbox's {@code accounts} and its
 * {@code egress} socket, and an {@code owner} file naming the CLI process running it. The sandbox
 * mounts the first three writable; the rest of the run stays out of its reach.
 *
 * <p>When a run ends, however it ends, only a workspace with work in it stays ({@link #tidy()}); a
 * run whose CLI died without tidying (SIGKILL) is tidied by the next run ({@link
 * #tidyAbandoned(Path)}). What stays is listed and removed by {@code axon local}.
 */
record RunDirectory(Path root) {

  static final String EGRESS_SOCKET_NAME = "egress.sock";
  private static final String PREFIX = "run-";

  static RunDirectory create(Path cacheDir) throws IOException {
    Path runs = Files.createDirectories(runsDir(cacheDir));
    Path root =
        Files.createTempDirectory(
            runs,
            PREFIX,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    RunDirectory run = new RunDirectory(root);
    ProcessHandle self = ProcessHandle.current();
    Files.writeString(run.owner(), self.pid() + " " + startOf(self).orElse(""));
    Files.createDirectories(run.workspace());
    Files.createDirectories(run.home());
    Files.createDirectories(run.out());
    Files.createDirectories(run.egressSocket().getParent());
    return run;
  }

  static Path runsDir(Path cacheDir) {
    return cacheDir.resolve("local-runs");
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

  Path accounts() {
    return root.resolve("accounts");
  }

  /** The egress proxy's socket; its directory is what the sandbox sees of it. */
  Path egressSocket() {
    return root.resolve("egress").resolve(EGRESS_SOCKET_NAME);
  }

  Path resultFile() {
    return out().resolve("result.json");
  }

  private Path owner() {
    return root.resolve("owner");
  }

  private Path started() {
    return root.resolve("started");
  }

  /** Marks the workspace as prepared: anything changed in it later is the agent's work. */
  void markStarted() throws IOException {
    Files.writeString(started(), Instant.now().toString());
  }

  /**
   * Removes everything but the workspace, and the workspace too unless the agent changed something
   * in it (a file, a commit, a branch); true when the workspace was kept.
   */
  boolean tidy() {
    boolean work = hasWork();
    try (Stream<Path> entries = Files.list(root)) {
      for (Path entry : entries.toList()) {
        if (!(work && entry.equals(workspace()))) {
          delete(entry);
        }
      }
    } catch (IOException e) {
      // already gone
    }
    if (!work) {
      delete(root);
    }
    return work;
  }

  /**
   * Judged from modification times, not by running git: the workspace is the agent's, and git run
   * on it by us would obey its configuration (hooks, filters, fsmonitor).
   */
  boolean hasWork() {
    FileTime since;
    try {
      since = Files.getLastModifiedTime(started());
    } catch (IOException e) {
      return false; // the run died before its workspace was ready
    }
    try (Stream<Path> files = Files.walk(workspace())) {
      return files.anyMatch(
          file -> {
            try {
              return Files.getLastModifiedTime(file).compareTo(since) > 0;
            } catch (IOException e) {
              return false;
            }
          });
    } catch (IOException | UncheckedIOException e) {
      return Files.exists(workspace());
    }
  }

  /** Whether the CLI that made this run is still running it. */
  boolean isActive() {
    String owner;
    try {
      owner = Files.readString(owner()).strip();
    } catch (IOException e) {
      return false;
    }
    String[] parts = owner.split(" ", 2);
    try {
      Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(parts[0]));
      return process.isPresent()
          && (parts.length < 2 || parts[1].equals(startOf(process.get()).orElse("")));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Runs whose CLI is gone: what a SIGKILL or a crash left behind, cgroups too, is tidied now. */
  static void tidyAbandoned(Path cacheDir) {
    for (RunDirectory run : all(cacheDir)) {
      if (!run.isActive() && Files.exists(run.owner())) {
        run.tidy();
        ResourceLimits.removeLeftovers(run.root().getFileName().toString());
      }
    }
  }

  /** Every run under the cache, oldest first. */
  static List<RunDirectory> all(Path cacheDir) {
    Path runs = runsDir(cacheDir);
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(runs)) {
      List<RunDirectory> all = new ArrayList<>();
      entries
          .filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
          .sorted((a, b) -> modified(a).compareTo(modified(b)))
          .forEach(p -> all.add(new RunDirectory(p)));
      return all;
    } catch (IOException e) {
      return List.of();
    }
  }

  static FileTime modified(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  void removeAll() {
    delete(root);
  }

  private static Optional<String> startOf(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toString);
  }

  private static void delete(Path path) {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              // The agent may have made a directory unwritable, or unreadable, to keep its files.
              dir.toFile().setWritable(true, true);
              dir.toFile().setReadable(true, true);
              dir.toFile().setExecutable(true, true);
              return FileVisitResult.CONTINUE;
            }

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
