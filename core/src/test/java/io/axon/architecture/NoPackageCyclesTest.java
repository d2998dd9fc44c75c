package io.axon.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.controller.runtime.ResourceCache;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No two packages of the core module depend on each other, directly or through others. */
class NoPackageCyclesTest {

  @Test
  void theCoreModuleHasNoPackageCycle() throws URISyntaxException {
    Path classes =
        Path.of(ResourceCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());

    assertThat(PackageCycles.dependences(classes, "io.axon."))
        .as("jdeps saw the controller's packages")
        .containsKeys("io.axon.controller.runtime", "io.axon.controller.wiring");
    assertThat(PackageCycles.in(classes, "io.axon.")).as("package cycles").isEmpty();
  }

  @Test
  void aCycleThroughAThirdPackageIsReported(@TempDir Path dir) throws IOException {
    Path sources = dir.resolve("src");
    write(sources, "a", "A", "b.B b;");
    write(sources, "b", "B", "c.C c;");
    write(sources, "c", "C", "a.A a;");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int code =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            sources.resolve("a/A.java").toString(),
            sources.resolve("b/B.java").toString(),
            sources.resolve("c/C.java").toString());
    assertThat(code).isZero();

    List<String> cycles = PackageCycles.in(classes, "");

    assertThat(cycles).containsExactly("[a, b, c]: a -> b, b -> c, c -> a");
  }

  private static void write(Path sources, String pkg, String name, String field)
      throws IOException {
    Path file = Files.createDirectories(sources.resolve(pkg)).resolve(name + ".java");
    Files.writeString(file, "package " + pkg + "; public class " + name + " { " + field + " }");
  }
}
