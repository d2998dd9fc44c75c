package io.axon.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Where no cgroup can be made, the process limit is an rlimit on the sandbox's command: a real
 * process tree of a non-root user cannot grow past it (root is exempt, as the README says; so the
 * tree here drops to user nobody, as the sandbox's user namespace does for a non-root user).
 */
class ResourceLimitsWithoutCgroupsTest {

  @Test
  void aProcessTreeCannotForkPastTheLimit() throws Exception {
    ResourceLimits limits = ResourceLimits.withoutCgroups(8, ResourceLimits.DEFAULT_MEMORY_BYTES);
    assertThat(limits.usesCgroups()).isFalse();

    String forks =
        "n=0; for i in $(seq 1 30); do (sleep 2) 2>/dev/null & if [ $? -eq 0 ]; then"
            + " n=$((n+1)); fi; done; echo started=$n; wait";
    List<String> tree = new ArrayList<>();
    if (ProcessHandle.current().info().user().orElse("").equals("root")) {
      tree.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    }
    tree.addAll(List.of("sh", "-c", forks));

    Process process = new ProcessBuilder(limits.wrap(tree)).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(out).as("the shell's own fork failures").contains("fork");
    assertThat(out).doesNotContain("started=30");
  }
}
