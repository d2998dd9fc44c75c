package io.axon.cli.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The bubblewrap ({@code bwrap}) command line that confines a local agent run: the host's file
 * system read-only, the user's real HOME and {@code /tmp} replaced by empty tmpfs, only the run's
 * workspace, fresh HOME and output directory writable, private PID/IPC/UTS namespaces, no
 * capabilities, the network shared (the agent must reach its model API).
 *
 * <p>The environment is not set here: the caller starts bwrap with exactly the agent's environment
 * (which bwrap passes on), so credentials never appear in a command line ({@code --setenv} would
 * put them in {@code /proc/<pid>/cmdline}).
 */
final class Bubblewrap {

  static final String HOSTNAME = "axon-sandbox";

  private Bubblewrap() {}

  /** {@code bwrap} on the given PATH, if installed. */
  static Optional<Path> find(String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "bwrap");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * @param userHome the invoking user's HOME, hidden behind an empty read-only tmpfs (it holds SSH
   *     keys, cloud credentials, Axon's own config)
   * @param readOnly files and directories the agent needs from hidden places (the JDK, the class
   *     path, the agent CLI), mounted back read-only
   * @param command what to run inside
   */
  static List<String> command(
      Path bwrap,
      RunDirectory run,
      Path userHome,
      Collection<Path> readOnly,
      List<String> command) {
    List<String> argv = new ArrayList<>();
    argv.add(bwrap.toString());
    add(argv, "--ro-bind", "/", "/");
    add(argv, "--dev", "/dev");
    add(argv, "--proc", "/proc");
    add(argv, "--tmpfs", "/tmp");
    boolean hideHome = !userHome.equals(userHome.getRoot()) && Files.isDirectory(userHome);
    if (hideHome) {
      add(argv, "--tmpfs", userHome.toString());
    }
    for (Path path : readOnly) {
      if (hidden(path, userHome, hideHome)) {
        add(argv, "--ro-bind", path.toString(), path.toString());
      }
    }
    for (Path writable : List.of(run.workspace(), run.home(), run.out())) {
      add(argv, "--bind", writable.toString(), writable.toString());
    }
    if (hideHome) {
      // The tmpfs itself read-only too: nothing but the three directories above is writable.
      add(argv, "--remount-ro", userHome.toString());
    }
    argv.addAll(List.of("--unshare-pid", "--unshare-ipc", "--unshare-uts"));
    add(argv, "--hostname", HOSTNAME);
    // Run as root, bwrap would keep every capability: root could remount / read-write.
    add(argv, "--cap-drop", "ALL");
    // A new session: the agent cannot push keystrokes into our terminal (TIOCSTI).
    argv.add("--new-session");
    argv.add("--die-with-parent");
    add(argv, "--chdir", run.workspace().toString());
    argv.add("--");
    argv.addAll(command);
    return argv;
  }

  private static boolean hidden(Path path, Path userHome, boolean hideHome) {
    return path.startsWith("/tmp") || (hideHome && path.startsWith(userHome));
  }

  private static void add(List<String> argv, String... args) {
    argv.addAll(List.of(args));
  }
}
