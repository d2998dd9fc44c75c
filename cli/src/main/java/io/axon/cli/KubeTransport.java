package io.axon.cli;

/**
 * How the CLI's Kubernetes clients reach the API server. A command is a short-lived process, so
 * what counts is start-up and a clean exit. The JDK's own HTTP client starts in less time than
 * Netty and Vert.x (about 50 ms of {@code axon get tasks}), and from JDK 21 it can be shut down and
 * waited for. Before JDK 21 it cannot: its selector thread, idle in native code, would make the JVM
 * wait 300 ms at exit. There the CLI uses a small Vert.x of its own, which it can close.
 */
enum KubeTransport {
  JDK {
    @Override
    HttpTransport open() {
      return new JdkTransport();
    }
  },
  VERTX {
    @Override
    HttpTransport open() {
      return new VertxTransport();
    }
  };

  /** Names one for {@link #forThisProcess()} instead of the JDK's default (jdk or vertx). */
  static final String PROPERTY = "axon.kube.transport";

  /** The one the system property names, else the one for the JDK this process runs on. */
  static KubeTransport forThisProcess() {
    String named = System.getProperty(PROPERTY);
    if (named == null || named.isBlank()) {
      return Runtime.version().feature() >= 21 ? JDK : VERTX;
    }
    for (KubeTransport transport : values()) {
      if (transport.name().equalsIgnoreCase(named.strip())) {
        return transport;
      }
    }
    throw new UserException("-D%s must be jdk or vertx, not %s".formatted(PROPERTY, named));
  }

  abstract HttpTransport open();
}
