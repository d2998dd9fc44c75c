package io.axon.cli.local;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ScriptedAnthropicServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A relative {@code --workspace} names a repository relative to the user's current directory. */
class LocalRunResolvesARelativeWorkspaceE2E {

  @TempDir Path tmp;

  @Test
  void aPathRelativeToTheCurrentDirectoryIsCloned() throws Exception {
    GitRepo source = GitRepo.create(tmp.resolve("source"));
    Path relative = Path.of("").toAbsolutePath().relativize(source.dir());
    assertThat(relative.isAbsolute()).isFalse();
    try (ScriptedAnthropicServer server =
            ScriptedAnthropicServer.start(
                message(bash("git log -1 --format=%s > subject.txt")), say("Done."));
        LocalRunFixture run = new LocalRunFixture()) {
      int status =
          run.run(
              LocalRunFixture.options(
                  server, "Note the last commit.", Optional.of("./" + relative)));

      assertThat(status).as(run.errors()).isZero();
      assertThat(run.errors()).contains("Cloning " + source.dir() + " ...");
      assertThat(Files.readString(run.workspace().orElseThrow().resolve("subject.txt")).strip())
          .isEqualTo("Initial commit");
    }
  }
}
