package io.axon.agent.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * git's smart HTTP protocol on 127.0.0.1, served by the real {@code git http-backend} over CGI,
 * behind HTTP Basic authentication (or open to anyone, {@link #anonymous}). Records the credentials
 * every request carried, and every request's method and path.
 */
public final class GitHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final Path projectRoot;
  private final String password;
  private final List<String> credentials = new ArrayList<>();
  private final List<String> requests = new ArrayList<>();

  /** Serves the repositories under {@code projectRoot}; only {@code password} unlocks them. */
  public GitHttpServer(Path projectRoot, String password) throws IOException {
    this.projectRoot = projectRoot;
    this.password = password;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves the repositories under {@code projectRoot} to anyone, pushes included. */
  public static GitHttpServer anonymous(Path projectRoot) throws IOException {
    return new GitHttpServer(projectRoot, null);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url(String repository) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
  }

  /** {@code METHOD /path} of each request, in order. */
  public synchronized List<String> requestsReceived() {
    return List.copyOf(requests);
  }

  /** The decoded {@code user:password} of each request that sent any, in order. */
  public synchronized List<String> credentialsReceived() {
    return List.copyOf(credentials);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      synchronized (this) {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String sent = null;
      if (authorization != null && authorization.startsWith("Basic ")) {
        sent =
            new String(
                Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        synchronized (this) {
          credentials.add(sent);
        }
      }
      if (password != null && (sent == null || !sent.endsWith(":" + password))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      cgi(exchange);
    }
  }

  private void cgi(HttpExchange exchange) throws IOException {
    ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
    Map<String, String> env = builder.environment();
    env.put("GIT_PROJECT_ROOT", projectRoot.toString());
    env.put("GIT_HTTP_EXPORT_ALL", "1");
    env.put("REMOTE_USER", "git"); // lets http-backend accept pushes
    env.put("REMOTE_ADDR", "127.0.0.1");
    env.put("REQUEST_METHOD", exchange.getRequestMethod());
    env.put("PATH_INFO", exchange.getRequestURI().getPath());
    String query = exchange.getRequestURI().getRawQuery();
    env.put("QUERY_STRING", query == null ? "" : query);
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    env.put("CONTENT_TYPE", type == null ? "" : type);
    putHeader(exchange, env, "Content-Encoding", "HTTP_CONTENT_ENCODING");
    putHeader(exchange, env, "Git-Protocol", "GIT_PROTOCOL");
    Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = process.getOutputStream()) {
      exchange.getRequestBody().transferTo(in);
    }
    // Streamed, not buffered: a pack can be large.
    try (InputStream out = process.getInputStream()) {
      int status = 200;
      for (String line = readLine(out); !line.isEmpty(); line = readLine(out)) {
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Status")) {
          status = Integer.parseInt(value.split(" ")[0]);
        } else {
          exchange.getResponseHeaders().add(name, value);
        }
      }
      exchange.sendResponseHeaders(status, 0);
      try (OutputStream body = exchange.getResponseBody()) {
        out.transferTo(body);
      }
    }
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void putHeader(
      HttpExchange exchange, Map<String, String> env, String header, String variable) {
    String value = exchange.getRequestHeaders().getFirst(header);
    if (value != null) {
      env.put(variable, value);
    }
  }

  /** One CGI header line, without its CRLF or LF. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
