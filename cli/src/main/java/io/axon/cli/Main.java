package io.axon.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The {@code axon} program. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // The kubeconfig's client key reaches the TLS stack through an in-memory PKCS#12 key store that
    // is never written anywhere: the key-stretching meant for key store files on disk is wasted
    // work there, about 40 ms of a command's start.
    System.setProperty("keystore.pkcs12.keyPbeIterationCount", "1");
    // On the Vert.x transport (JDK 17-20), Netty's allocator events would start the JDK's flight
    // recorder machinery: 30 ms, unused.
    System.setProperty("io.netty.jfr.enabled", "false");
    DefaultKubeClientFactory clients = new DefaultKubeClientFactory();
    ClientPrefetch.guess(List.of(args)).ifPresent(clients::prefetch);
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
