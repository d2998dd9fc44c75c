package io.axon.controller.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a real node leaves on the host unless removed: containers, containerd shims, relays, mounts,
 * the kubelet's cgroups and the directories it and containerd create outside their own. Each step
 * ignores what is already gone.
 */
final class NodeTeardown {
  private NodeTeardown() {}

  static void removeContainers(Path socket) {
    if (!Files.exists(socket)) {
      return;
    }
    String ctr = "ctr --address " + socket + " -n k8s.io ";
    HostCommands.tryRun(
        List.of(
            "sh",
            "-c",
            ctr
                + "tasks ls -q | while read -r t; do "
                + ctr
                + "tasks kill -s SIGKILL \"$t\"; "
                + ctr
                + "tasks delete -f \"$t\"; done; "
                + ctr
                + "containers ls -q | xargs -r "
                + ctr
                + "containers rm"));
  }

  /** The runc shims of this containerd: they name its socket in their arguments. */
  static void stopShims(Path socket) {
    ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains("containerd-shim") && c.contains(socket.toString()))
                    .orElse(false))
        .forEach(ProcessHandle::destroyForcibly);
  }

  /** Relays whose pod's CNI DEL never came (a killed containerd). */
  static void stopRelays(Path stateDir) {
    if (!Files.isDirectory(stateDir)) {
      return;
    }
    try (Stream<Path> files = Files.list(stateDir)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".pid"))
          .forEach(
              f -> {
                try {
                  ProcessHandle.of(Long.parseLong(Files.readString(f).strip()))
                      .ifPresent(ProcessHandle::destroyForcibly);
                } catch (IOException | NumberFormatException e) {
                  // Gone.
                }
              });
    } catch (IOException e) {
      // Nothing to stop.
    }
  }

  /** Mounts under the node's directory and pod network namespaces, deepest first. */
  static void unmount(Path work) {
    List<String> targets = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String target = line.split(" ")[4];
        if (target.startsWith(work + "/")
            || target.startsWith("/run/netns/cni-")
            || target.startsWith("/var/run/netns/cni-")) {
          targets.add(target);
        }
      }
    } catch (IOException e) {
      return;
    }
    targets.sort(Comparator.reverseOrder());
    for (String target : targets) {
      HostCommands.tryRun(List.of("umount", "-l", target));
    }
    for (String dir : List.of("/run/netns", "/var/run/netns")) {
      try (Stream<Path> files = Files.list(Path.of(dir))) {
        files
            .filter(f -> f.getFileName().toString().startsWith("cni-"))
            .forEach(NodeTeardown::delete);
      } catch (IOException e) {
        // No such directory.
      }
    }
  }

  /** The kubelet's cgroups in every hierarchy, deepest first (rmdir is how cgroups go). */
  static void removeKubepodsCgroups() {
    try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
      for (Path hierarchy : hierarchies.toList()) {
        Path kubepods = hierarchy.resolve("kubepods");
        if (Files.isDirectory(kubepods)) {
          try (Stream<Path> dirs = Files.walk(kubepods)) {
            dirs.filter(Files::isDirectory)
                .sorted(Comparator.reverseOrder())
                .forEach(NodeTeardown::delete);
          }
        }
      }
    } catch (IOException e) {
      // No cgroup file system.
    }
  }

  static void removeHostDirectories() {
    for (String dir :
        List.of("/var/lib/kubelet", "/var/log/containers", "/var/log/pods", "/run/containerd")) {
      Path path = Path.of(dir);
      if (Files.exists(path)) {
        try (Stream<Path> files = Files.walk(path)) {
          files.sorted(Comparator.reverseOrder()).forEach(NodeTeardown::delete);
        } catch (IOException e) {
          // Best effort.
        }
      }
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Busy or gone: best effort.
    }
  }
}
