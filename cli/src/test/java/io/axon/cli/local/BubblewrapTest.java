package io.axon.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BubblewrapTest {

  @TempDir Path tmp;

  @Test
  void bindsOnlyWhatTheAgentNeedsAndRunsItUnprivileged() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home/me"));
    RunDirectory run = RunDirectory.create(home.resolve(".cache/axon"));
    Path jar = home.resolve(".m2/repository/x.jar");
    List<String> argv =
        Bubblewrap.command(
            Path.of("/usr/bin/bwrap"),
            run,
            List.of(jar, Path.of("/usr/lib/jvm/java-17")),
            run.egressSocket().getParent(),
            List.of("java", "-cp", "x", "Main"));
    String line = String.join(" ", argv);
    String ws = run.workspace().toString();
    assertThat(argv.get(0)).isEqualTo("/usr/bin/bwrap");
    assertThat(line)
        .doesNotContain("--ro-bind / /")
        .doesNotContain(" " + home + " ")
        .contains("--unshare-user --uid 1000 --gid 1000")
        .contains("--unshare-pid --unshare-ipc --unshare-uts --unshare-net")
        .contains("--ro-bind /usr /usr")
        .contains("--ro-bind-try /etc/hosts /etc/hosts")
        .doesNotContain("/etc/shadow")
        .doesNotContain("/etc/gshadow")
        .doesNotContain("--ro-bind-try /etc/ssh /etc/ssh")
        .doesNotContain("--ro-bind-try /etc/ssl /etc/ssl")
        .contains("--ro-bind " + run.accounts().resolve("passwd") + " /etc/passwd")
        .contains("--dev /dev --proc /proc --tmpfs /tmp --tmpfs /var/tmp --tmpfs /run")
        .contains("--ro-bind " + run.egressSocket().getParent() + " /run/axon")
        .contains("--ro-bind " + jar + " " + jar)
        .contains("--ro-bind /usr/lib/jvm/java-17 /usr/lib/jvm/java-17")
        .contains("--bind " + ws + " " + ws)
        .contains("--bind " + run.home() + " " + run.home())
        .contains("--bind " + run.out() + " " + run.out())
        .contains("--cap-drop ALL")
        .contains("--new-session")
        .contains("--die-with-parent")
        .contains("--chdir " + ws)
        .doesNotContain("--setenv")
        .endsWith("-- java -cp x Main");
    // The root goes read-only only after everything is mounted on it.
    assertThat(line.indexOf("--remount-ro /")).isGreaterThan(line.indexOf("--bind " + ws));
    assertThat(Files.readString(run.accounts().resolve("passwd")))
        .contains("agent:x:1000:1000:Axon agent:" + run.home() + ":/bin/bash\n");
  }

  @Test
  void findsBwrapOnThePath() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    assertThat(Bubblewrap.find(bin.toString())).isEmpty();
    Path bwrap = Files.createFile(bin.resolve("bwrap"));
    assertThat(Bubblewrap.find("/nonexistent:" + bin)).isEmpty(); // not executable
    assertThat(bwrap.toFile().setExecutable(true)).isTrue();
    assertThat(Bubblewrap.find("/nonexistent:" + bin)).contains(bwrap);
    assertThat(Bubblewrap.find(null)).isEmpty();
  }
}
