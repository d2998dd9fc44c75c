package io.axon.agent.entrypoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The agent image's user (uid and gid 1000, not root), for running the entrypoint as a pod runs it.
 * When the tests themselves run as root (as on the CI machines), the process is started through
 * {@code setpriv} with that uid, no supplementary groups and no capabilities, and the files it
 * needs are handed to it; run by anyone else, the tests already run as a non-root user.
 */
final class ImageUser {
  static final int UID = 1000;

  private ImageUser() {}

  static boolean testsRunAsRoot() throws IOException {
    return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
  }

  /** {@code argv} as the image's user would start it. */
  static List<String> command(List<String> argv) throws IOException {
    if (!testsRunAsRoot()) {
      return argv;
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "setpriv",
                "--reuid=" + UID,
                "--regid=" + UID,
                "--clear-groups",
                "--inh-caps=-all",
                "--bounding-set=-all",
                "--"));
    command.addAll(argv);
    return command;
  }

  /**
   * Gives {@code dir} and everything below it, except below {@code except}, to the image's user
   * ({@code toImageUser}) or back to root, as a pod's volumes belong to its user.
   */
  static void own(Path dir, Path except, boolean toImageUser) throws IOException {
    if (!testsRunAsRoot()) {
      return;
    }
    int id = toImageUser ? UID : 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> !f.startsWith(except)).toList()) {
        // By number: no user 1000 need be named in /etc/passwd.
        Files.setAttribute(file, "unix:uid", id, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(file, "unix:gid", id, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }
}
