package io.axon.controller.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The GitHub Enterprise GraphQL endpoint ({@code /api/graphql}) as {@code gh pr create} uses it,
 * over HTTPS on 127.0.0.1 with a certificate made here by openssl for IP 127.0.0.1: the repository
 * lookup, the search for an open pull request of the head branch (none), and the mutation that
 * creates the pull request; the repository ID lookup the Axon gateway makes; and the REST read of
 * the repository ({@code GET /api/v3/repos/OWNER/REPO}). Requests without the expected token (as
 * {@code token} or {@code Bearer}) get 401. Records every pull request created and the {@code
 * Authorization} header of every request.
 */
final class GitHubGraphqlServer implements AutoCloseable {
  /** A pull request as {@code createPullRequest} received it. */
  record PullRequest(String title, String body, String head, String base, String url) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpsServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final String owner;
  private final String name;
  private final String token;
  private final String caPem;
  private final List<PullRequest> pulls = new ArrayList<>();
  private final List<String> operations = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();

  GitHubGraphqlServer(Path dir, String owner, String name, String token) {
    this.owner = owner;
    this.name = name;
    this.token = token;
    HostCommands.run(
        dir,
        List.of(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "github.key",
            "-out",
            "github.crt",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1"));
    HostCommands.run(
        dir,
        List.of(
            "openssl",
            "pkcs12",
            "-export",
            "-inkey",
            "github.key",
            "-in",
            "github.crt",
            "-out",
            "github.p12",
            "-passout",
            "pass:axon"));
    try {
      caPem = Files.readString(dir.resolve("github.crt"));
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(dir.resolve("github.p12"))) {
        keys.load(in, "axon".toCharArray());
      }
      KeyManagerFactory managers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      managers.init(keys, "axon".toCharArray());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(managers.getKeyManagers(), null, null);
      server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(executor);
    server.createContext("/api/graphql", this::handle);
    server.createContext("/api/v3/repos/" + owner + "/" + name, this::repository);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** What {@code GH_HOST} names: this server, as gh addresses a GitHub Enterprise host. */
  String host() {
    return "127.0.0.1:" + port();
  }

  /** The server's self-signed certificate, the one CA a client needs to trust it. */
  String caPem() {
    return caPem;
  }

  synchronized List<PullRequest> pulls() {
    return List.copyOf(pulls);
  }

  /** The GraphQL operations asked for, in order. */
  synchronized List<String> operations() {
    return List.copyOf(operations);
  }

  /** The {@code Authorization} header of every request, in order (null where there was none). */
  synchronized List<String> authorizations() {
    return new ArrayList<>(authorizations);
  }

  /** Records the request's credential; answers 401 unless it is the token. */
  private boolean authorized(HttpExchange exchange) throws IOException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    synchronized (this) {
      authorizations.add(header);
    }
    if (("token " + token).equals(header) || ("Bearer " + token).equals(header)) {
      return true;
    }
    respond(exchange, 401, "{\"message\":\"Bad credentials\"}");
    return false;
  }

  private void repository(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorized(exchange)) {
        return;
      }
      synchronized (this) {
        operations.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
      }
      if (!exchange.getRequestMethod().equals("GET")) {
        respond(exchange, 405, "{\"message\":\"not scripted in GitHubGraphqlServer\"}");
        return;
      }
      ObjectNode repo = JSON.createObjectNode();
      repo.put("id", 1).put("name", name).put("full_name", owner + "/" + name);
      repo.put("default_branch", "main").put("private", true);
      repo.putObject("owner").put("login", owner);
      respond(exchange, 200, repo.toString());
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorized(exchange)) {
        return;
      }
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      String query = request.path("query").asText();
      JsonNode variables = request.path("variables");
      ObjectNode data = JSON.createObjectNode();
      synchronized (this) {
        if (query.contains("repository(owner: $owner, name: $name) { id }")) {
          // The gateway's own lookup before it lets a createPullRequest through.
          operations.add("gateway: repository id");
          data.putObject("repository").put("id", "R_axon_demo");
        } else if (query.contains("query RepositoryInfo")) {
          operations.add("RepositoryInfo");
          ObjectNode repo = data.putObject("repository");
          repo.put("id", "R_axon_demo").put("name", name);
          repo.putObject("owner").put("login", owner);
          repo.put("hasIssuesEnabled", true).put("hasWikiEnabled", false);
          repo.put("description", "").put("viewerPermission", "WRITE");
          repo.putObject("defaultBranchRef").put("name", "main");
          repo.putNull("parent");
          repo.put("mergeCommitAllowed", true);
          repo.put("rebaseMergeAllowed", true).put("squashMergeAllowed", true);
        } else if (query.contains("query PullRequestForBranch")) {
          operations.add("PullRequestForBranch");
          ObjectNode repo = data.putObject("repository");
          repo.putObject("pullRequests").putArray("nodes");
          repo.putObject("defaultBranchRef").put("name", "main");
        } else if (query.contains("mutation PullRequestCreate")) {
          operations.add("PullRequestCreate");
          JsonNode input = variables.path("input");
          String url =
              "https://" + host() + "/" + owner + "/" + name + "/pull/" + (pulls.size() + 1);
          pulls.add(
              new PullRequest(
                  input.path("title").asText(),
                  input.path("body").asText(),
                  input.path("headRefName").asText(),
                  input.path("baseRefName").asText(),
                  url));
          data.putObject("createPullRequest")
              .putObject("pullRequest")
              .put("id", "PR_" + pulls.size())
              .put("url", url);
        } else {
          operations.add("unknown: " + query.strip().lines().findFirst().orElse(""));
          respond(
              exchange,
              200,
              "{\"errors\":[{\"message\":\"not scripted in GitHubGraphqlServer\"}]}");
          return;
        }
      }
      respond(exchange, 200, JSON.createObjectNode().set("data", data).toString());
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
