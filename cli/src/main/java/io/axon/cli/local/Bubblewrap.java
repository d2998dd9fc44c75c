package io.axon.cli.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The bubblewrap ({@code bwrap}) command line that confines a local agent run. The sandbox's root
 * is empty but for: the system directories ({@code /usr} and its {@code /bin}, {@code /lib} links)
 * and an allowlist of {@code /etc} read-only (no shadow files, no SSH host keys, no private keys);
 * a {@code passwd} naming the agent; the JDK, the class path and the agent CLI read-only; the run's
 * workspace, fresh HOME and output directory writable; fresh {@code /tmp}, {@code /run}, {@code
 * /dev} and {@code /proc}. Nothing else of the host, the user's HOME included, is there.
 *
 * <p>The agent runs as uid {@value #UID} in its own user namespace (never root, whoever starts it),
 * with private PID, IPC, UTS and network namespaces and no capabilities; its network is only the
 * loopback, where {@link SandboxForwarder} relays to the run's {@link EgressProxy}.
 *
 * <p>The environment is not set here: the caller starts bwrap with exactly the agent's environment
 * (which bwrap passes on), so credentials never appear in a command line ({@code --setenv} would
 * put them in {@code /proc/<pid>/cmdline}).
 */
final class Bubblewrap {

  static final String HOSTNAME = "axon-sandbox";
  static final int UID = 1000;

  /** Where the egress proxy's socket appears inside the sandbox. */
  static final String EGRESS_SOCKET = "/run/axon/" + RunDirectory.EGRESS_SOCKET_NAME;

  /** What of the host's {@code /etc} programs need: name lookup, TLS roots, the JDK's settings. */
  private static final List<String> ETC =
      List.of(
          "alternatives",
          "bash.bashrc",
          "ca-certificates",
          "ca-certificates.conf",
          "crypto-policies",
          "debian_version",
          "gai.conf",
          "host.conf",
          "hosts",
          "inputrc",
          "ld.so.cache",
          "ld.so.conf",
          "ld.so.conf.d",
          "localtime",
          "magic",
          "magic.mime",
          "mime.types",
          "nsswitch.conf",
          "os-release",
          "pki/ca-trust",
          "pki/tls/certs",
          "profile",
          "protocols",
          "resolv.conf",
          "services",
          "ssh/ssh_config",
          "ssh/ssh_config.d",
          "ssl/certs",
          "ssl/openssl.cnf",
          "terminfo",
          "timezone");

  private static final List<String> ROOT_LINKS = List.of("bin", "sbin", "lib", "lib32", "lib64");

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
   * @param readOnly files and directories the agent needs from elsewhere (the JDK, the class path,
   *     the agent CLI), mounted read-only at their own paths
   * @param egress the directory holding the egress proxy's socket, bound read-only
   * @param command what to run inside
   */
  static List<String> command(
      Path bwrap, RunDirectory run, Collection<Path> readOnly, Path egress, List<String> command)
      throws IOException {
    writeAccounts(run);
    List<String> argv = new ArrayList<>();
    argv.add(bwrap.toString());
    add(argv, "--unshare-user", "--uid", Integer.toString(UID), "--gid", Integer.toString(UID));
    argv.addAll(List.of("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-net"));
    add(argv, "--hostname", HOSTNAME);
    add(argv, "--ro-bind", "/usr", "/usr");
    for (String name : ROOT_LINKS) {
      Path path = Path.of("/", name);
      if (Files.isSymbolicLink(path)) {
        add(argv, "--symlink", Files.readSymbolicLink(path).toString(), path.toString());
      } else if (Files.isDirectory(path)) {
        add(argv, "--ro-bind", path.toString(), path.toString());
      }
    }
    for (String name : etcEntries()) {
      add(argv, "--ro-bind-try", "/etc/" + name, "/etc/" + name);
    }
    add(argv, "--ro-bind", run.accounts().resolve("passwd").toString(), "/etc/passwd");
    add(argv, "--ro-bind", run.accounts().resolve("group").toString(), "/etc/group");
    add(argv, "--dev", "/dev");
    add(argv, "--proc", "/proc");
    add(argv, "--tmpfs", "/tmp");
    add(argv, "--tmpfs", "/var/tmp");
    add(argv, "--tmpfs", "/run");
    add(argv, "--ro-bind", egress.toString(), Path.of(EGRESS_SOCKET).getParent().toString());
    for (Path path : readOnly) {
      add(argv, "--ro-bind", path.toString(), path.toString());
    }
    for (Path writable : List.of(run.workspace(), run.home(), run.out())) {
      add(argv, "--bind", writable.toString(), writable.toString());
    }
    // The root's own tmpfs read-only too: nothing but the three directories above is writable.
    add(argv, "--remount-ro", "/");
    add(argv, "--cap-drop", "ALL");
    // A new session: the agent cannot push keystrokes into our terminal (TIOCSTI).
    argv.add("--new-session");
    argv.add("--die-with-parent");
    add(argv, "--chdir", run.workspace().toString());
    argv.add("--");
    argv.addAll(command);
    return argv;
  }

  /** The allowlist, plus the JDK's settings directories its {@code conf} links point into. */
  private static List<String> etcEntries() {
    List<String> entries = new ArrayList<>(ETC);
    try (Stream<Path> etc = Files.list(Path.of("/etc"))) {
      etc.map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith("java"))
          .sorted()
          .forEach(entries::add);
    } catch (IOException e) {
      // no /etc to read: the allowlist alone
    }
    return entries;
  }

  /** A passwd and group naming only root and the agent, so tools can look the agent's uid up. */
  private static void writeAccounts(RunDirectory run) throws IOException {
    Path dir = Files.createDirectories(run.accounts());
    Files.writeString(
        dir.resolve("passwd"),
        "root:x:0:0:root:/root:/usr/sbin/nologin\n"
            + "agent:x:%d:%d:Axon agent:%s:/bin/bash\n".formatted(UID, UID, run.home()));
    Files.writeString(dir.resolve("group"), "root:x:0:\nagent:x:%d:\n".formatted(UID));
  }

  private static void add(List<String> argv, String... args) {
    argv.addAll(List.of(args));
  }
}
