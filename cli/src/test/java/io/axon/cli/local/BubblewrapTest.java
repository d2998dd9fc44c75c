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
  void confinesTheRunAndHidesTheUsersHome() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home/me"));
    RunDirectory run = RunDirectory.create(home.resolve(".cache/axon"));
    Path jar = home.resolve(".m2/repository/x.jar");
    List<String> argv =
        Bubblewrap.command(
            Path.of("/usr/bin/bwrap"),
            run,
            home,
            List.of(jar, Path.of("/usr/lib/jvm/java-17")),
            List.of("java", "-cp", "x", "Main"));
    String line = String.join(" ", argv);
    String ws = run.workspace().toString();
    assertThat(argv.subList(0, 4)).containsExactly("/usr/bin/bwrap", "--ro-bind", "/", "/");
    assertThat(line)
        .contains("--dev /dev --proc /proc --tmpfs /tmp --tmpfs " + home)
        .contains("--ro-bind " + jar + " " + jar)
        .doesNotContain("--ro-bind /usr/lib/jvm/java-17") // already visible through /
        .contains("--bind " + ws + " " + ws)
        .contains("--bind " + run.home() + " " + run.home())
        .contains("--bind " + run.out() + " " + run.out())
        .contains("--unshare-pid --unshare-ipc --unshare-uts")
        .contains("--cap-drop ALL")
        .contains("--new-session")
        .contains("--die-with-parent")
        .contains("--chdir " + ws)
        .doesNotContain("--unshare-net")
        .doesNotContain("--setenv")
        .endsWith("-- java -cp x Main");
    // The tmpfs over HOME goes read-only only after the writable directories are mounted on it.
    assertThat(line.indexOf("--remount-ro " + home)).isGreaterThan(line.indexOf("--bind " + ws));
    assertThat(line.indexOf("--tmpfs " + home)).isLessThan(line.indexOf("--ro-bind " + jar));
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
