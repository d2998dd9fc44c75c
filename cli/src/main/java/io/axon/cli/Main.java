package io.axon.cli;

import io.axon.cli.startup.DefaultKubeClientFactory;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;

/** The {@code axon} program. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    DefaultKubeClientFactory clients = DefaultKubeClientFactory.forCommandLine(args);
    Charset charset = stdoutCharset();
    CliContext cli =
        new CliContext(
            new PrintWriter(new OutputStreamWriter(System.out, charset), true),
            new PrintWriter(new OutputStreamWriter(System.err, charset), true),
            new FileInputStream(FileDescriptor.in),
            clients,
            System.getenv(),
            Terminal.detect(),
            Clock.systemUTC(),
            home());
    int code = AxonCli.run(cli, args);
    clients.close();
    // Exits without waiting for client threads (watches, HTTP pools) to wind down.
    System.exit(code);
  }

  /** $HOME, as for every other command-line tool; the JVM's user.home ignores it. */
  private static Path home() {
    String home = System.getenv("HOME");
    return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
  }

  private static Charset stdoutCharset() {
    String name = System.getProperty("stdout.encoding");
    try {
      return name != null ? Charset.forName(name) : Charset.defaultCharset();
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }
}
