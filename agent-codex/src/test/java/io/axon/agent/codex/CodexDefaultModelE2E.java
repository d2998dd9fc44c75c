package io.axon.agent.codex;

import static io.axon.agent.codex.testing.ScriptedOpenAiServer.say;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.codex.testing.ScriptedOpenAiServer;
import io.axon.agent.testing.GitRepo;
import io.axon.spi.agent.AgentEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that names no model: the genuine Codex CLI asks the scripted API for the plugin's default
 * model, and the log ({@code [init] model=...}) and the summary name that model, not "default".
 */
class CodexDefaultModelE2E {

  @TempDir Path tmp;

  @Test
  void aRunWithoutAModelShowsTheModelTheApiWasAskedFor() throws Exception {
    assertThat(CodexEntrypointProcess.JAR).as("run `mvn package` first").exists();
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start(say("Hello."))) {
      CodexEntrypointProcess.Outcome run =
          new CodexEntrypointProcess(tmp, repo.dir(), server.baseUrl(), "Say hello.")
              .with("AXON_MODEL", null)
              .run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      String asked = server.requests().get(0).body().path("model").asText();
      assertThat(asked).isEqualTo(CodexRuntime.DEFAULT_MODEL);
      assertThat(run.summary().model()).isEqualTo(asked);
      // As `axon logs` reads it: the Task names no model.
      CodexJsonReader reader = new CodexJsonReader(Optional.empty(), Optional.empty());
      List<AgentEvent> events = new ArrayList<>();
      run.lines().forEach(line -> events.addAll(reader.read(line)));
      assertThat(events)
          .filteredOn(AgentEvent.Init.class::isInstance)
          .map(e -> ((AgentEvent.Init) e).model())
          .containsExactly(asked);
    }
  }
}
