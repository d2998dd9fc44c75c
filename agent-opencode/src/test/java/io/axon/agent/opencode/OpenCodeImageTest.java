package io.axon.agent.opencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the image definition in step with what is tested. */
class OpenCodeImageTest {

  private static final Path DOCKERFILE = Path.of("image/Dockerfile");

  @Test
  void installsThePinnedCliVersion() throws Exception {
    assertThat(Files.readString(DOCKERFILE))
        .contains("ARG OPENCODE_VERSION=" + new OpenCodeRuntime().cliVersion() + "\n")
        .contains(
            "npm install -g --no-audit --no-fund --unsafe-perm --include=optional \"opencode-ai@${OPENCODE_VERSION}\"");
  }

  @Test
  void runsThisModulesEntrypointJarAsUid1000() throws Exception {
    assertThat(Files.readString(DOCKERFILE))
        .contains("COPY target/axon-agent-entrypoint.jar /opt/axon/axon-agent-entrypoint.jar")
        .contains(
            "ENTRYPOINT [\"java\", \"-XX:+UseSerialGC\", \"-XX:TieredStopAtLevel=1\", \"-jar\","
                + " \"/opt/axon/axon-agent-entrypoint.jar\"]")
        .contains("AXON_AGENT_TYPE=opencode")
        .contains("USER 1000:1000")
        .contains("LANG=C.UTF-8");
  }

  @Test
  void theBuildScriptKnowsTheImage() throws Exception {
    assertThat(Files.readString(Path.of("../hack/images/build.py")))
        .contains("\"dockerfile\": \"agent-opencode/image/Dockerfile\"")
        .contains("\"OPENCODE_VERSION\": read(\"hack/agent-cli/opencode.version\")");
  }
}
