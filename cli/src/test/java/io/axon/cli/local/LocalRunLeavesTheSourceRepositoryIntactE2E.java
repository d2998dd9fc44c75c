package io.axon.cli.local;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ScriptedAnthropicServer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent that makes every object file of its clone writable and appends to it leaves the local
 * repository it was cloned from intact: the clone shares no file with it.
 */
class LocalRunLeavesTheSourceRepositoryIntactE2E {

  @TempDir Path tmp;

  @Test
  void corruptingTheClonesObjectsLeavesTheSourceClean() throws Exception {
    GitRepo source = GitRepo.create(tmp.resolve("source"));
    String attack =
        "find .git/objects -type f | while read -r f; do chmod u+w \"$f\"; echo corrupt >> \"$f\";"
            + " done; git fsck --full > /dev/null 2>&1 || echo clone-corrupted";
    try (ScriptedAnthropicServer server =
            ScriptedAnthropicServer.start(message(bash(attack)), say("Done."));
        LocalRunFixture run = new LocalRunFixture()) {
      int status =
          run.run(
              LocalRunFixture.options(
                  server, "Break the repository.", Optional.of(source.dir().toString())));

      assertThat(status).as(run.errors()).isZero();
      assertThat(server.requests().get(1).body().toString()).contains("clone-corrupted");
      assertThat(run.workspace()).isPresent();
      assertThat(run.workspace().get().resolve(".git/objects/info/alternates")).doesNotExist();
      // Throws, with git's report, unless every object of the source is intact.
      source.git("fsck", "--full", "--strict");
    }
  }
}
