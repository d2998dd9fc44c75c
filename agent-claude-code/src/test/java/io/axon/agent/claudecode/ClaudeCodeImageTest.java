package io.axon.agent.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the image definition in step with what is tested (core's *OnRealNodeE2E run the image). */
class ClaudeCodeImageTest {

  private static final Path DOCKERFILE = Path.of("image/Dockerfile");

  @Test
  void installsThePinnedCliVersion() throws Exception {
    assertThat(Files.readString(DOCKERFILE))
        .contains("ARG CLAUDE_CODE_VERSION=" + new ClaudeCodeRuntime().cliVersion() + "\n");
  }

  @Test
  void runsTheEntrypointJarAsUid1000() throws Exception {
    String dockerfile = Files.readString(DOCKERFILE);
    assertThat(dockerfile)
        .contains("COPY target/axon-agent-entrypoint.jar /opt/axon/axon-agent-entrypoint.jar")
        .contains(
            "ENTRYPOINT [\"java\", \"-XX:+UseSerialGC\", \"-XX:TieredStopAtLevel=1\", \"-jar\","
                + " \"/opt/axon/axon-agent-entrypoint.jar\"]")
        .contains("USER 1000:1000")
        .contains("WORKDIR /workspace")
        .contains("LANG=C.UTF-8");
  }
}
