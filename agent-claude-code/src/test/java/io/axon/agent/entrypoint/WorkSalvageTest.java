package io.axon.agent.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The work so far, saved with real git into a real repository and a bare remote. */
class WorkSalvageTest {

  @TempDir Path tmp;

  private GitRepo cloneOf(GitRepo origin, String name) throws Exception {
    GitRepo.open(tmp).git("clone", "-q", origin.dir().toString(), tmp.resolve(name).toString());
    return GitRepo.open(tmp.resolve(name));
  }

  private GitRepo bareOrigin() throws Exception {
    GitRepo seed = GitRepo.create(tmp.resolve("seed"));
    seed.git("clone", "-q", "--bare", seed.dir().toString(), tmp.resolve("origin.git").toString());
    return GitRepo.open(tmp.resolve("origin.git"));
  }

  private static WorkSalvage salvage(GitRepo repo) {
    return new WorkSalvage(repo.dir(), Duration.ofSeconds(30));
  }

  @Test
  void uncommittedAndStagedWorkIsSavedIgnoredFilesAreNotAndTheCheckoutIsLeftAsItWas()
      throws Exception {
    GitRepo origin = bareOrigin();
    GitRepo work = cloneOf(origin, "work");
    String start = work.git("rev-parse", "HEAD");
    Files.writeString(work.dir().resolve(".gitignore"), "build/\n");
    Files.createDirectories(work.dir().resolve("build"));
    Files.writeString(work.dir().resolve("build/out.bin"), "ignored");
    Files.writeString(work.dir().resolve("new.txt"), "new");
    Files.writeString(work.dir().resolve("README.md"), "# changed\n");
    work.git("add", "new.txt"); // staged counts as well

    WorkSalvage.Saved saved = salvage(work).save("axon/t-wip", Optional.of(start), "WIP: test");

    assertThat(saved.pushed()).isTrue();
    assertThat(saved.branch()).contains("axon/t-wip");
    String commit = saved.commit().orElseThrow();
    assertThat(origin.git("rev-parse", "refs/heads/axon/t-wip")).isEqualTo(commit);
    assertThat(origin.git("show", commit + ":new.txt")).isEqualTo("new");
    assertThat(origin.git("show", commit + ":README.md")).isEqualTo("# changed");
    assertThat(origin.git("ls-tree", "-r", "--name-only", commit)).doesNotContain("build/out.bin");
    assertThat(origin.git("log", "-1", "--format=%s", commit)).isEqualTo("WIP: test");
    assertThat(work.git("rev-parse", "HEAD")).isEqualTo(start);
    assertThat(work.git("status", "--porcelain")).contains("A  new.txt").contains("M README.md");
    assertThat(saved.detail()).startsWith("the work so far is on branch axon/t-wip (");
  }

  @Test
  void aBranchOnOriginWithOtherWorkIsKeptAndTheWorkGoesBesideIt() throws Exception {
    GitRepo origin = bareOrigin();
    GitRepo earlier = cloneOf(origin, "earlier");
    Files.writeString(earlier.dir().resolve("a.txt"), "earlier");
    String start = earlier.git("rev-parse", "HEAD");
    WorkSalvage.Saved first = salvage(earlier).save("axon/t-wip", Optional.of(start), "WIP 1");
    GitRepo later = cloneOf(origin, "later");
    Files.writeString(later.dir().resolve("b.txt"), "later");

    WorkSalvage.Saved second = salvage(later).save("axon/t-wip", Optional.of(start), "WIP 2");

    assertThat(second.pushed()).isTrue();
    assertThat(second.branch().orElseThrow()).startsWith("axon/t-wip-").isNotEqualTo("axon/t-wip");
    assertThat(origin.git("rev-parse", "refs/heads/axon/t-wip")).isEqualTo(first.commit().get());
    assertThat(origin.git("show", second.commit().get() + ":b.txt")).isEqualTo("later");
    assertThat(second.detail()).contains("(axon/t-wip had other work)");
  }

  @Test
  void commitsTheAgentMadeItselfArePushedAndAnUnchangedRepositorySavesNothing() throws Exception {
    GitRepo origin = bareOrigin();
    GitRepo work = cloneOf(origin, "work");
    String start = work.git("rev-parse", "HEAD");
    assertThat(salvage(work).save("axon/t-wip", Optional.of(start), "WIP").branch()).isEmpty();

    Files.writeString(work.dir().resolve("c.txt"), "c");
    work.git("add", "c.txt");
    work.git("commit", "-q", "-m", "The agent's own commit");
    WorkSalvage.Saved saved = salvage(work).save("axon/t-wip", Optional.of(start), "WIP");

    assertThat(saved.commit()).contains(work.git("rev-parse", "HEAD"));
    assertThat(origin.git("rev-parse", "refs/heads/axon/t-wip")).isEqualTo(saved.commit().get());
  }

  @Test
  void withoutARemoteTheWorkStaysOnTheBranchInTheWorkspaceAndTheSummarySaysSo() throws Exception {
    GitRepo work = GitRepo.create(tmp.resolve("alone"));
    String start = work.git("rev-parse", "HEAD");
    Files.writeString(work.dir().resolve("d.txt"), "d");

    WorkSalvage.Saved saved = salvage(work).save("axon/wip", Optional.of(start), "WIP");

    assertThat(saved.pushed()).isFalse();
    assertThat(work.git("show", "axon/wip:d.txt")).isEqualTo("d");
    assertThat(saved.detail()).endsWith("in the workspace, which has no remote to push to");
  }
}
