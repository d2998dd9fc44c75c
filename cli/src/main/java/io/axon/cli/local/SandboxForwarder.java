package io.axon.cli.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Inside the sandbox, whose network is only its loopback: relays TCP connections on {@code
 * 127.0.0.1} to the {@link EgressProxy}'s Unix socket. The proxy port passes bytes through (the
 * agent speaks the proxy protocol, through {@code HTTPS_PROXY}); each tunnel port opens a {@code
 * CONNECT} to one fixed target first, so a model API on the host's loopback keeps its URL.
 */
final class SandboxForwarder {

  static final int MAX_CONNECTIONS = 256;
  private static final int MAX_RESPONSE_HEAD = 8192;
  private static final int CHUNK = 16384;

  /** A loopback port inside the sandbox that reaches one target through the proxy. */
  record Tunnel(int port, EgressAllowlist.HostPort target) {
    String argument() {
      return port + "=" + target;
    }

    static Tunnel parse(String argument) {
      int equals = argument.indexOf('=');
      return new Tunnel(
          Integer.parseInt(argument.substring(0, equals)),
          EgressAllowlist.HostPort.parse(argument.substring(equals + 1), 443));
    }
  }

  private final Path socket;
  private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);

  SandboxForwarder(Path socket) {
    this.socket = socket;
  }

  /** Listens on every port, each served by a daemon thread; returns once all are bound. */
  void start(int proxyPort, List<Tunnel> tunnels) throws IOException {
    listen(proxyPort, null);
    for (Tunnel tunnel : tunnels) {
      listen(tunnel.port(), tunnel.target());
    }
  }

  private void listen(int port, EgressAllowlist.HostPort target) throws IOException {
    ServerSocket server = new ServerSocket(port, 64, InetAddress.getLoopbackAddress());
    daemon(
        () -> {
          while (true) {
            Socket client;
            try {
              client = server.accept();
            } catch (IOException e) {
              return;
            }
            if (!slots.tryAcquire()) {
              close(client);
              continue;
            }
            daemon(() -> relay(client, target), "axon-forward-" + port);
          }
        },
        "axon-listen-" + port);
  }

  private void relay(Socket client, EgressAllowlist.HostPort target) {
    try (client;
        SocketChannel proxy = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      proxy.connect(UnixDomainSocketAddress.of(socket));
      if (target != null && !openTunnel(target, proxy, client.getOutputStream())) {
        return;
      }
      // Channel reads and writes directly: the Channels streams would share one lock and
      // deadlock a read against a write.
      Thread back = daemon(() -> copy(proxy, client), "axon-forward-back");
      try {
        InputStream in = client.getInputStream();
        byte[] chunk = new byte[CHUNK];
        for (int n; (n = in.read(chunk)) >= 0; ) {
          ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
          while (buffer.hasRemaining()) {
            proxy.write(buffer);
          }
        }
        proxy.shutdownOutput();
      } catch (IOException e) {
        // either side closed
      }
      back.join();
    } catch (IOException e) {
      // the proxy is gone: the run is ending
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      slots.release();
    }
  }

  /**
   * Sends {@code CONNECT}; true once the proxy answered 200, else its answer goes to the client.
   */
  private static boolean openTunnel(
      EgressAllowlist.HostPort target, SocketChannel proxy, OutputStream client)
      throws IOException {
    ByteBuffer request =
        ByteBuffer.wrap(
            ("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    while (request.hasRemaining()) {
      proxy.write(request);
    }
    StringBuilder head = new StringBuilder();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (!head.toString().endsWith("\r\n\r\n")) {
      one.clear();
      if (proxy.read(one) < 0 || head.length() > MAX_RESPONSE_HEAD) {
        return false;
      }
      head.append((char) (one.get(0) & 0xff));
    }
    if (head.toString().matches("(?s)HTTP/1\\.[01] 200 .*")) {
      return true;
    }
    client.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    copy(proxy, client);
    return false;
  }

  private static void copy(SocketChannel from, Socket to) {
    try {
      copy(from, to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      // either side closed
    }
  }

  private static void copy(SocketChannel from, OutputStream to) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    while (from.read(buffer) >= 0) {
      to.write(buffer.array(), 0, buffer.position());
      to.flush();
      buffer.clear();
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  /** {@code --proxy-port N [--tunnel PORT=HOST:PORT]...}, as {@link SandboxMain} is given them. */
  static List<String> arguments(int proxyPort, List<Tunnel> tunnels) {
    List<String> args = new ArrayList<>(List.of("--proxy-port", Integer.toString(proxyPort)));
    for (Tunnel tunnel : tunnels) {
      args.add("--tunnel");
      args.add(tunnel.argument());
    }
    return args;
  }
}
