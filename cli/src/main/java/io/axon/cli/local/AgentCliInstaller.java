package io.axon.cli.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs an agent type's pinned CLI into Axon's cache on first use. Each agent plugin ships its
 * install script as {@code META-INF/axon/agents/<type>/install-<type>.sh}: idempotent, progress on
 * stderr, the executable's path on the last stdout line (for claude-code it is {@code
 * hack/agent-cli/install-claude-code.sh}, copied into the plugin jar).
 */
final class AgentCliInstaller {

  private final Path cacheDir;

  AgentCliInstaller(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  /** Where CLIs are installed; the sandbox mounts it read-only. */
  Path agentsDir() {
    return cacheDir.resolve("agents");
  }

  /** The agent CLI's executable, installed if need be. */
  Path install(String type, PrintWriter progress) throws IOException {
    String resource = "META-INF/axon/agents/" + type + "/install-" + type + ".sh";
    byte[] script;
    try (InputStream in = AgentCliInstaller.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("the " + type + " plugin ships no install script (" + resource + ")");
      }
      script = in.readAllBytes();
    }
    Files.createDirectories(cacheDir);
    Path scriptFile = Files.createTempFile(cacheDir, "install-" + type + "-", ".sh");
    scriptFile.toFile().deleteOnExit(); // also when Ctrl-C ends the JVM mid-install
    try {
      Files.write(scriptFile, script);
      ProcessBuilder builder = new ProcessBuilder(List.of("bash", scriptFile.toString()));
      builder.environment().put("AXON_CACHE_DIR", cacheDir.toString());
      Process process =
          builder
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      Thread stderr =
          new Thread(
              () -> {
                try {
                  ChildOutput.copy(process.getErrorStream(), progress);
                } catch (IOException e) {
                  // the installer is gone
                }
              });
      stderr.start();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("installing the " + type + " CLI took more than 30 minutes");
      }
      stderr.join(TimeUnit.SECONDS.toMillis(5));
      List<String> lines = stdout.strip().lines().toList();
      if (process.exitValue() != 0 || lines.isEmpty()) {
        throw new IOException(
            "installing the " + type + " CLI failed (exit " + process.exitValue() + "); see above");
      }
      Path executable = Path.of(lines.get(lines.size() - 1));
      if (!Files.isExecutable(executable)) {
        throw new IOException("the " + type + " installer named " + executable + ", not a program");
      }
      return executable;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while installing the " + type + " CLI", e);
    } finally {
      Files.deleteIfExists(scriptFile);
    }
  }
}
