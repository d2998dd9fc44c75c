package io.axon.cli.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path for the agent entrypoint: this JVM's own (the CLI ships the entrypoint and every
 * agent plugin), with manifest {@code Class-Path} entries spelled out so that every file can be
 * mounted into the sandbox by name.
 */
final class EntrypointClasspath {

  static final String MAIN_CLASS = "io.axon.agent.entrypoint.AgentEntrypoint";

  private EntrypointClasspath() {}

  static List<Path> current() {
    Set<Path> entries = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path path = Path.of(entry).toAbsolutePath().normalize();
      entries.add(path);
      if (Files.isRegularFile(path) && path.toString().endsWith(".jar")) {
        entries.addAll(manifestClassPath(path));
      }
    }
    return entries.stream().filter(Files::exists).toList();
  }

  private static List<Path> manifestClassPath(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath =
          manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (classPath == null || classPath.isBlank()) {
        return List.of();
      }
      return java.util.Arrays.stream(classPath.trim().split("\\s+"))
          .map(entry -> Path.of(jar.getParent().toUri().resolve(entry)).normalize())
          .toList();
    } catch (IOException | IllegalArgumentException e) {
      return List.of();
    }
  }
}
