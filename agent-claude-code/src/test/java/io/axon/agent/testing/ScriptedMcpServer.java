package io.axon.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted MCP server over streamable HTTP on 127.0.0.1, at {@link #url()}: JSON-RPC {@code
 * initialize}, {@code tools/list} and {@code tools/call} of one tool, {@code whoami}, whose result
 * is {@link #ANSWER} (a test finds it in what the agent sends its model next). Each POST is
 * answered with one JSON body; a GET (the optional server-to-client stream) gets 405, as the
 * transport allows. A request without the expected {@code Authorization} header is refused with 401
 * and no JSON-RPC answer. Every request is recorded with the headers it came with.
 */
public final class ScriptedMcpServer implements AutoCloseable {

  /** The whoami tool's result text. */
  public static final String ANSWER = "http-probe-answer-52c1: the whoami tool ran over HTTP";

  /** The one tool the server offers. */
  public static final String TOOL = "whoami";

  private static final String PATH = "/mcp";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A request as received: its HTTP method, headers (names in lower case), the JSON-RPC method of a
   * POST's message (empty for a response, a GET or an unparsable body) and the status answered.
   */
  public record Request(
      String httpMethod, Map<String, List<String>> headers, String rpcMethod, int status) {

    /** The header's first value, or null. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  private final String authorization;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Request> requests = new ArrayList<>();

  private ScriptedMcpServer(String authorization) throws IOException {
    this.authorization = authorization;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "scripted-mcp");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves only requests whose {@code Authorization} header is exactly {@code authorization}. */
  public static ScriptedMcpServer start(String authorization) throws IOException {
    return new ScriptedMcpServer(authorization);
  }

  /** The MCP endpoint. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The JSON-RPC requests that were served (not refused), by method, in order. */
  public List<String> servedMethods() {
    return requests().stream()
        .filter(r -> r.status() == 200 && !r.rpcMethod().isEmpty())
        .map(Request::rpcMethod)
        .toList();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      JsonNode message;
      try {
        message = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
      } catch (IOException e) {
        message = JSON.createObjectNode();
      }
      Answer answer = answer(exchange, message);
      Map<String, List<String>> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
      // Recorded before the answer goes out, so a client that has its answer finds it recorded.
      synchronized (requests) {
        requests.add(
            new Request(
                exchange.getRequestMethod(),
                Map.copyOf(headers),
                message.path("method").asText(""),
                answer.status()));
      }
      if (answer.body() == null) {
        exchange.sendResponseHeaders(answer.status(), -1);
      } else {
        byte[] body = JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
      }
    }
  }

  private record Answer(int status, JsonNode body) {}

  private Answer answer(HttpExchange exchange, JsonNode message) {
    if (!exchange.getRequestURI().getPath().equals(PATH)) {
      return new Answer(404, null);
    }
    if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return new Answer(401, null);
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      return new Answer(405, null);
    }
    if (!message.isObject()) {
      return new Answer(400, null);
    }
    if (!message.hasNonNull("id") || !message.has("method")) {
      return new Answer(202, null); // A notification, or a response to a request of ours.
    }
    ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
    reply.set("id", message.get("id"));
    switch (message.path("method").asText()) {
      case "initialize" -> {
        ObjectNode result = reply.putObject("result");
        result.put(
            "protocolVersion", message.path("params").path("protocolVersion").asText("2025-06-18"));
        result.putObject("capabilities").putObject("tools");
        result.putObject("serverInfo").put("name", "http-probe").put("version", "1");
      }
      case "tools/list" -> {
        ArrayNode tools = reply.putObject("result").putArray("tools");
        ObjectNode tool =
            tools.addObject().put("name", TOOL).put("description", "Says who answers.");
        tool.putObject("inputSchema").put("type", "object").putObject("properties");
      }
      case "tools/call" -> {
        ObjectNode result = reply.putObject("result");
        result.putArray("content").addObject().put("type", "text").put("text", ANSWER);
        result.put("isError", false);
      }
      case "ping" -> reply.putObject("result");
      default ->
          reply
              .putObject("error")
              .put("code", -32601)
              .put("message", "not here: " + message.path("method").asText());
    }
    return new Answer(200, reply);
  }
}
