package io.axon.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Git's smart HTTP protocol on 127.0.0.1 for the repositories under one directory: git's own {@code
 * git http-backend} (a CGI program) behind a token check, as a Git host asks for one. Clone and
 * push need HTTP Basic credentials with the token as password; anything else gets 401.
 */
final class GitHost implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Path root;
  private final String token;
  private final java.util.List<String> authorizations =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  GitHost(Path root, String token) {
    this.root = root;
    this.token = token;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Every Authorization header received (empty string for none), in order. */
  java.util.List<String> authorizations() {
    return java.util.List.copyOf(authorizations);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String seen = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(seen == null ? "" : seen);
      if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"axon-test-git\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      ProcessBuilder cgi = new ProcessBuilder("git", "http-backend");
      Map<String, String> env = cgi.environment();
      env.put("GIT_PROJECT_ROOT", root.toString());
      env.put("GIT_HTTP_EXPORT_ALL", "1");
      env.put("REMOTE_USER", "x-access-token"); // lets http-backend accept pushes
      env.put("REMOTE_ADDR", "127.0.0.1");
      env.put("REQUEST_METHOD", exchange.getRequestMethod());
      env.put("PATH_INFO", exchange.getRequestURI().getPath());
      env.put(
          "QUERY_STRING",
          exchange.getRequestURI().getRawQuery() == null
              ? ""
              : exchange.getRequestURI().getRawQuery());
      putHeader(exchange, env, "Content-Type", "CONTENT_TYPE");
      putHeader(exchange, env, "Content-Encoding", "HTTP_CONTENT_ENCODING");
      putHeader(exchange, env, "Git-Protocol", "GIT_PROTOCOL");
      Process process = cgi.redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (OutputStream in = process.getOutputStream()) {
        exchange.getRequestBody().transferTo(in);
      }
      InputStream out = process.getInputStream();
      int status = 200;
      for (String line = readLine(out); !line.isEmpty(); line = readLine(out)) {
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Status")) {
          status = Integer.parseInt(value.substring(0, 3));
        } else {
          exchange.getResponseHeaders().add(name, value);
        }
      }
      exchange.sendResponseHeaders(status, 0);
      try (OutputStream body = exchange.getResponseBody()) {
        out.transferTo(body);
      }
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean authorized(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    String credentials =
        new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    return credentials.endsWith(":" + token);
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

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
