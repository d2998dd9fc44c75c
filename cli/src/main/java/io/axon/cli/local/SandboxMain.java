package io.axon.cli.local;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's first program: starts the {@link SandboxForwarder} on the sandbox's loopback, then
 * runs the agent entrypoint in the same JVM. {@code SandboxMain --proxy-port N [--tunnel
 * PORT=HOST:PORT]...}.
 */
public final class SandboxMain {

  private SandboxMain() {}

  public static void main(String[] args) throws Throwable {
    int proxyPort = -1;
    List<SandboxForwarder.Tunnel> tunnels = new ArrayList<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--proxy-port" -> proxyPort = Integer.parseInt(args[i + 1]);
        case "--tunnel" -> tunnels.add(SandboxForwarder.Tunnel.parse(args[i + 1]));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    try {
      new SandboxForwarder(Path.of(Bubblewrap.EGRESS_SOCKET)).start(proxyPort, tunnels);
    } catch (IOException e) {
      System.err.println("axon: the sandbox's network relay could not start: " + e.getMessage());
      System.exit(2);
    }
    // By name: the entrypoint ships in the agent plugins, a run-time dependency of the CLI.
    try {
      Class.forName(EntrypointClasspath.MAIN_CLASS)
          .getMethod("main", String[].class)
          .invoke(null, (Object) new String[0]);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
