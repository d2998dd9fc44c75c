package io.axon.cli.local;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.ScriptedAnthropicServer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An agent that tries to read {@code /etc/shadow}, a file in the user's real HOME and another
 * project on the host, and to connect to a Unix socket under {@code /run}, gets none of them, and
 * runs as a non-root uid.
 */
class LocalRunSandboxSeesNothingOfTheHostE2E {

  @Test
  void secretsOfTheHostStayOutOfReach() throws Exception {
    long pid = ProcessHandle.current().pid();
    Path homeSecret = Path.of(System.getProperty("user.home"), "axon-home-secret-" + pid);
    Path envHomeSecret = Path.of(System.getenv("HOME"), "axon-env-home-secret-" + pid);
    // Another project on the host: this module's own build file.
    Path project = Path.of("pom.xml").toAbsolutePath();
    Path socket = Path.of("/run/axon-test-" + pid + ".sock");
    Files.writeString(homeSecret, "HOME-SECRET-" + pid);
    Files.writeString(envHomeSecret, "ENV-HOME-SECRET-" + pid);
    String probe =
        String.join(
            "; ",
            "cat /etc/shadow",
            "cat /etc/gshadow",
            "cat " + homeSecret,
            "cat " + envHomeSecret,
            "cat " + project,
            "curl -sS --max-time 5 --unix-socket " + socket + " http://sandbox/",
            "echo uid=$(id -u)");
    try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ScriptedAnthropicServer server =
            ScriptedAnthropicServer.start(message(bash(probe)), say("Nothing to see."));
        LocalRunFixture run = new LocalRunFixture()) {
      listener.bind(UnixDomainSocketAddress.of(socket));
      listener.configureBlocking(false);

      int status = run.run(LocalRunFixture.options(server, "Look around.", Optional.empty()));

      assertThat(status).as(run.errors()).isZero();
      String seen = server.requests().get(1).body().toString();
      assertThat(seen).contains("uid=1000").contains("No such file or directory");
      String shadowLine = Files.readAllLines(Path.of("/etc/shadow")).get(0);
      assertThat(seen)
          .doesNotContain(shadowLine)
          .doesNotContain("HOME-SECRET-" + pid)
          .doesNotContain("<artifactId>axon-cli</artifactId>");
      assertThat(listener.accept()).as("a connection from the sandbox").isNull();
    } finally {
      Files.deleteIfExists(homeSecret);
      Files.deleteIfExists(envHomeSecret);
      Files.deleteIfExists(socket);
    }
  }
}
