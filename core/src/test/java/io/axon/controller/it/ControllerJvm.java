package io.axon.controller.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shipped controller jar in a JVM of its own, as the {@link ControlPlane#CONTROLLER} user, so
 * that it can be killed the way a node kills it: no shutdown hook, no Lease release, requests cut
 * off mid-flight.
 */
final class ControllerJvm implements AutoCloseable {
  private final Process process;
  final Path log;

  private ControllerJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts the jar with these settings (YAML, see ControllerSettings).
   *
   * @param name names its settings file, its log ({@code <work>/logs/<name>.log}) and its identity
   */
  static ControllerJvm start(ControlPlane plane, String name, String settings) throws IOException {
    Path jar = RepoPaths.root().resolve("core/target/axon-controller.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the package phase first");
    }
    Path config = plane.workDir().resolve(name + ".yaml");
    Path log = Files.createDirectories(plane.workDir().resolve("logs")).resolve(name + ".log");
    Files.writeString(config, settings);
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(List.of(java, "-jar", jar.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("AXON_CONFIG", config.toString());
    builder.environment().put("KUBECONFIG", plane.kubeconfig(ControlPlane.CONTROLLER).toString());
    builder.environment().put("POD_NAME", name);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process process = builder.start();
    process.getOutputStream().close();
    return new ControllerJvm(process, log);
  }

  /** SIGKILL, and waits for the JVM to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("controller pid " + process.pid() + " survived SIGKILL");
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM (the ordered shutdown), then SIGKILL if it has not stopped within 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
