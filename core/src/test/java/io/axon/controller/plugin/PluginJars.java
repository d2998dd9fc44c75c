package io.axon.controller.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A third party's plugin, compiled from source against the SPI jar alone into a jar of its own with
 * its {@code META-INF/services} entry, and a class loader that sees it beside Axon.
 */
public final class PluginJars {
  private PluginJars() {}

  /**
   * @param className the plugin's class, such as {@code com.acme.axon.AcmeTickets}
   * @param service the SPI interface it implements, listed in {@code META-INF/services}
   */
  public static URLClassLoader build(Path dir, String className, String source, Class<?> service) {
    try {
      Path src = dir.resolve("src/" + className.replace('.', '/') + ".java");
      Files.createDirectories(src.getParent());
      Files.writeString(src, source);
      Path classes = dir.resolve("classes");
      Files.createDirectories(classes);
      String spiJar =
          Path.of(service.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      int exit =
          javac.run(
              null,
              null,
              null,
              "--release",
              "17",
              "-cp",
              spiJar,
              "-d",
              classes.toString(),
              src.toString());
      assertThat(exit).as("javac exit code").isZero();
      Path jar = dir.resolve("plugin.jar");
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
          Stream<Path> files = Files.walk(classes)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
          Files.copy(file, out);
          out.closeEntry();
        }
        out.putNextEntry(new JarEntry("META-INF/services/" + service.getName()));
        out.write((className + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
      return new URLClassLoader(new URL[] {jar.toUri().toURL()}, PluginJars.class.getClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
