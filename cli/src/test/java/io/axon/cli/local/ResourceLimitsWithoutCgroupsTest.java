package io.axon.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where no cgroup can be made, the process limit is an rlimit on the sandbox's command: a real
 * process tree of a non-root user cannot grow past it (root is exempt, as the README says; so the
 * tree here drops to user nobody, as the sandbox's user namespace does for a non-root user).
 */
class ResourceLimitsWithoutCgroupsTest {
  @TempDir Path tmp;

  @Test
  void aProcessTreeCannotForkPastTheLimit() throws Exception {
    ResourceLimits limits = ResourceLimits.withoutCgroups(8, ResourceLimits.DEFAULT_MEMORY_BYTES);
    assertThat(limits.usesCgroups()).isFalse();

    // Each child outlives the loop by far (30 forks take milliseconds), so none frees its slot
    // early. The shell gives up at its first failed fork, saying so; the children end by
    // themselves.
    String forks = "n=0; for i in $(seq 1 30); do sleep 10 & n=$((n+1)); done; echo started=$n";
    List<String> tree = new ArrayList<>();
    if (ProcessHandle.current().info().user().orElse("").equals("root")) {
      tree.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    }
    tree.addAll(List.of("sh", "-c", forks));

    Path output = tmp.resolve("out");
    Process process =
        new ProcessBuilder(limits.wrap(tree))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String out = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(ended).as(out).isTrue();

    assertThat(out).as("the shell's own fork failures").contains("fork");
    assertThat(out).doesNotContain("started=30");
  }
}
