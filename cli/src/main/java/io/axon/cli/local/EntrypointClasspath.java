package io.axon.cli.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path for the agent entrypoint: this JVM's own (the CLI ships the entrypoint and every
 * agent plugin), with a launcher jar's manifest {@code Class-Path} spelled out so that every file
 * can be mounted into the sandbox by name.
 */
final class EntrypointClasspath {

  static final String MAIN_CLASS = "io.axon.agent.entrypoint.AgentEntrypoint";

  private EntrypointClasspath() {}

  static List<Path> current() {
    List<Path> entries =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.isEmpty())
            .map(entry -> Path.of(entry).toAbsolutePath().normalize())
            .toList();
    Set<Path> all = new LinkedHashSet<>(entries);
    // A launcher jar alone on the class path may name the rest in its manifest. Only then is a jar
    // opened: reading the manifests of a long class path costs a noticeable part of a second.
    if (entries.size() == 1 && entries.get(0).toString().endsWith(".jar")) {
      all.addAll(manifestClassPath(entries.get(0)));
    }
    return all.stream().filter(Files::exists).toList();
  }

  private static List<Path> manifestClassPath(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath =
          manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (classPath == null || classPath.isBlank()) {
        return List.of();
      }
      return Arrays.stream(classPath.trim().split("\\s+"))
          .map(entry -> Path.of(jar.getParent().toUri().resolve(entry)).normalize())
          .toList();
    } catch (IOException | IllegalArgumentException e) {
      return List.of();
    }
  }
}
