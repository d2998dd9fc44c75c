package io.axon.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A model API that never answers ends the run at its {@code --timeout}, with a message that says
 * so, and leaves nothing behind when the agent changed nothing.
 */
class LocalRunStopsAtItsTimeoutE2E {

  @Test
  void aHungModelApiEndsAtTheTimeout() throws Exception {
    try (ScriptedAnthropicServer server = ScriptedAnthropicServer.start(new ModelReply.Hang());
        LocalRunFixture run = new LocalRunFixture()) {
      LocalRunner.Options options =
          LocalRunFixture.options(server, "Think hard.", Optional.empty())
              .withLimits(List.of(), Duration.ofSeconds(8));
      Instant start = Instant.now();

      int status = run.run(options);

      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(60));
      assertThat(status).isEqualTo(1);
      assertThat(server.requests()).isNotEmpty();
      assertThat(run.errors())
          .contains(
              "error: the run was stopped: it reached its --timeout of 8s;"
                  + " no workspace is kept: the agent changed nothing in it");
      assertThat(run.workspace()).isEmpty();
    }
  }
}
