package io.axon.controller.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The directory holding kube-apiserver, etcd, kube-controller-manager, kube-scheduler, kubectl and
 * kwok. {@code hack/control-plane/build.sh} owns the versions and the cache layout: it is asked
 * every time (it answers at once when everything is built, and builds what is missing otherwise).
 */
final class ControlPlaneBinaries {
  static final List<String> NAMES =
      List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok");
  private static volatile Path dir;

  private ControlPlaneBinaries() {}

  static synchronized Path dir() {
    if (dir == null) {
      dir = build();
    }
    return dir;
  }

  private static Path build() {
    Path script = RepoPaths.root().resolve("hack/control-plane/build.sh");
    try {
      Path log = Files.createTempFile("axon-control-plane-build", ".log");
      Process process =
          new ProcessBuilder(script.toString())
              .redirectError(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      // A first build takes minutes (Go modules); a cached one answers at once.
      if (!process.waitFor(60, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " did not finish within 60 minutes; see " + log);
      }
      String errors = Files.readString(log);
      Files.deleteIfExists(log);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            script + " failed (exit " + process.exitValue() + "):\n" + errors);
      }
      Path built = Path.of(out.strip());
      for (String name : NAMES) {
        if (!Files.isExecutable(built.resolve(name))) {
          throw new IllegalStateException(
              script + " printed " + built + " but " + name + " is not there:\n" + errors);
        }
      }
      return built;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run " + script + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + script, e);
    }
  }
}
