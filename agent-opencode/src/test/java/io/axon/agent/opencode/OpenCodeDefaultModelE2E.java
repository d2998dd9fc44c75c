package io.axon.agent.opencode;

import static io.axon.agent.testing.ModelReply.say;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.spi.agent.AgentEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that names no model: the genuine OpenCode CLI asks the scripted API for the plugin's
 * default model, and the log ({@code [init] model=...}) and the summary name that model, not
 * "default".
 */
class OpenCodeDefaultModelE2E {

  @TempDir Path tmp;

  @Test
  void aRunWithoutAModelShowsTheModelTheApiWasAskedFor() throws Exception {
    assertThat(OpenCodeEntrypointProcess.JAR).as("run `mvn package` first").exists();
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    try (ScriptedAnthropicServer server = ScriptedAnthropicServer.start(say("Hello."))) {
      OpenCodeEntrypointProcess.Outcome run =
          new OpenCodeEntrypointProcess(tmp, repo.dir(), server.baseUrl(), "Say hello.")
              .with("AXON_MODEL", null)
              .run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      String asked = server.requests().get(0).body().path("model").asText();
      assertThat("anthropic/" + asked).isEqualTo(OpenCodeRuntime.DEFAULT_MODEL);
      assertThat(run.summary().model()).isEqualTo(OpenCodeRuntime.DEFAULT_MODEL);
      // As `axon logs` reads it: the Task names no model.
      OpenCodeJsonReader reader = new OpenCodeJsonReader(Optional.empty(), Optional.empty());
      List<AgentEvent> events = new ArrayList<>();
      run.lines().forEach(line -> events.addAll(reader.read(line)));
      assertThat(events)
          .filteredOn(AgentEvent.Init.class::isInstance)
          .map(e -> ((AgentEvent.Init) e).model())
          .containsExactly(OpenCodeRuntime.DEFAULT_MODEL);
    }
  }
}
