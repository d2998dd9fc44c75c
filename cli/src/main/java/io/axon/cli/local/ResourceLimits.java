package io.axon.cli.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's process and memory limits: a cgroup of its own when this user may make one (cgroup
 * v2, or v1's {@code pids} and {@code memory} controllers), else the process limit as an rlimit set
 * with {@code prlimit} (an rlimit cannot bound a process tree's memory, and root is exempt from
 * it). A cgroup also tells, afterwards, whether a limit was reached.
 */
final class ResourceLimits implements AutoCloseable {

  static final int DEFAULT_MAX_PROCESSES = 512;
  static final long DEFAULT_MEMORY_BYTES = 4L << 30;
  private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
  private static final Pattern COUNT = Pattern.compile("(?m)^(\\w+) (\\d+)$");

  private final int maxProcesses;
  private final long memoryBytes;
  private final Optional<Path> pids;
  private final Optional<Path> memory;
  private final boolean unified;

  private ResourceLimits(
      int maxProcesses, long memoryBytes, Optional<Path> pids, Optional<Path> memory, boolean v2) {
    this.maxProcesses = maxProcesses;
    this.memoryBytes = memoryBytes;
    this.pids = pids;
    this.memory = memory;
    this.unified = v2;
  }

  /** Limits for one run named {@code name}; cgroups are made now when possible. */
  static ResourceLimits create(String name, int maxProcesses, long memoryBytes) {
    String group = group(name);
    Optional<Path> v2 = ownCgroup("").map(own -> own.resolve(group));
    if (Files.isRegularFile(CGROUPS.resolve("cgroup.controllers")) && v2.isPresent()) {
      Optional<Path> made =
          make(
              v2.get(),
              List.of("pids.max", Integer.toString(maxProcesses)),
              List.of("memory.max", Long.toString(memoryBytes)));
      return new ResourceLimits(maxProcesses, memoryBytes, made, made, true);
    }
    Optional<Path> pids =
        ownCgroup("pids")
            .flatMap(
                own ->
                    make(own.resolve(group), List.of("pids.max", Integer.toString(maxProcesses))));
    Optional<Path> memory =
        ownCgroup("memory")
            .flatMap(
                own ->
                    make(
                        own.resolve(group),
                        List.of("memory.limit_in_bytes", Long.toString(memoryBytes))));
    if (pids.isEmpty() || memory.isEmpty()) {
      pids.ifPresent(ResourceLimits::remove);
      memory.ifPresent(ResourceLimits::remove);
      return withoutCgroups(maxProcesses, memoryBytes);
    }
    return new ResourceLimits(maxProcesses, memoryBytes, pids, memory, false);
  }

  /** The fallback of a machine where no cgroup can be made: the process limit as an rlimit. */
  static ResourceLimits withoutCgroups(int maxProcesses, long memoryBytes) {
    return new ResourceLimits(maxProcesses, memoryBytes, Optional.empty(), Optional.empty(), false);
  }

  /** The cgroups a run named {@code name} left, if its CLI could not remove them (a kill). */
  static List<Path> leftovers(String name) {
    List<Path> left = new ArrayList<>();
    for (String controller : List.of("", "pids", "memory")) {
      ownCgroup(controller)
          .map(own -> own.resolve(group(name)))
          .filter(Files::isDirectory)
          .filter(dir -> !left.contains(dir))
          .ifPresent(left::add);
    }
    return left;
  }

  /** Removes what {@link #leftovers} finds. */
  static void removeLeftovers(String name) {
    leftovers(name).forEach(ResourceLimits::remove);
  }

  private static String group(String name) {
    return "axon-" + name;
  }

  boolean usesCgroups() {
    return pids.isPresent();
  }

  /** {@code command}, started inside the limits. */
  List<String> wrap(List<String> command) {
    List<String> argv = new ArrayList<>();
    if (usesCgroups()) {
      // The shell joins the cgroups before it becomes the sandbox: nothing runs outside them.
      argv.addAll(
          List.of(
              "/bin/sh",
              "-c",
              "echo $$ > \"$1\" && echo $$ > \"$2\" && shift 2 && exec \"$@\"",
              "axon-limits",
              pids.get().resolve("cgroup.procs").toString(),
              memory.get().resolve("cgroup.procs").toString()));
    } else {
      argv.addAll(List.of("prlimit", "--nproc=" + maxProcesses, "--"));
    }
    argv.addAll(command);
    return argv;
  }

  /** What the run ran into, as a phrase ("its limit of 512 processes"), if a cgroup counted it. */
  Optional<String> reached() {
    if (!usesCgroups()) {
      return Optional.empty();
    }
    List<String> hit = new ArrayList<>();
    if (count(pids.get().resolve("pids.events"), "max") > 0) {
      hit.add("its limit of " + maxProcesses + " processes");
    }
    Path oom = memory.get().resolve(unified ? "memory.events" : "memory.oom_control");
    if (count(oom, "oom_kill") > 0) {
      hit.add("its memory limit of " + (memoryBytes >> 20) + " MiB");
    }
    return hit.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", hit));
  }

  @Override
  public void close() {
    pids.ifPresent(ResourceLimits::remove);
    memory.filter(m -> !m.equals(pids.orElse(null))).ifPresent(ResourceLimits::remove);
  }

  private static long count(Path file, String key) {
    try {
      Matcher matcher = COUNT.matcher(Files.readString(file));
      while (matcher.find()) {
        if (matcher.group(1).equals(key)) {
          return Long.parseLong(matcher.group(2));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not counted
    }
    return 0;
  }

  /** This process's cgroup directory for a v1 controller, or the v2 one for {@code ""}. */
  private static Optional<Path> ownCgroup(String controller) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
        String[] parts = line.split(":", 3);
        if (parts.length < 3) {
          continue;
        }
        boolean match =
            controller.isEmpty()
                ? parts[0].equals("0") && parts[1].isEmpty()
                : List.of(parts[1].split(",")).contains(controller);
        if (match) {
          Path base = controller.isEmpty() ? CGROUPS : CGROUPS.resolve(controller);
          Path own = base.resolve(parts[2].replaceFirst("^/", ""));
          return Files.isDirectory(own) ? Optional.of(own) : Optional.empty();
        }
      }
    } catch (IOException e) {
      // no cgroups here
    }
    return Optional.empty();
  }

  @SafeVarargs
  private static Optional<Path> make(Path dir, List<String>... settings) {
    try {
      Files.createDirectory(dir);
      for (List<String> setting : settings) {
        Files.writeString(dir.resolve(setting.get(0)), setting.get(1));
      }
      return Optional.of(dir);
    } catch (IOException | UnsupportedOperationException e) {
      remove(dir);
      return Optional.empty();
    }
  }

  private static void remove(Path dir) {
    // A cgroup goes once its last process is reaped, which can take a moment after a kill.
    for (int attempt = 0; attempt < 20 && Files.exists(dir); attempt++) {
      try {
        Files.delete(dir);
      } catch (IOException e) {
        try {
          long backoff = 50L << Math.min(attempt, 4);
          Thread.sleep(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
