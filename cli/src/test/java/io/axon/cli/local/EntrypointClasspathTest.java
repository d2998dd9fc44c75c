package io.axon.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntrypointClasspathTest {

  @Test
  void isThisJvmsClassPathAndHoldsTheEntrypointAndThePlugin() throws Exception {
    List<Path> classpath = EntrypointClasspath.current();
    assertThat(classpath).allMatch(Path::isAbsolute);
    Path entrypoint =
        Path.of(
            Class.forName(EntrypointClasspath.MAIN_CLASS)
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    assertThat(classpath).contains(entrypoint);
    assertThat(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()))
        .contains("agents-spi");
  }
}
