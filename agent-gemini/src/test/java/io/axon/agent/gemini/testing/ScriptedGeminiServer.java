package io.axon.agent.gemini.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted Gemini API on 127.0.0.1, enough for the real Gemini CLI: {@code POST
 * /v1beta/models/MODEL:streamGenerateContent?alt=sse} streamed as one server-sent event (a {@code
 * GenerateContentResponse} with usage), {@code :generateContent} as plain JSON, {@code
 * :countTokens}. The reply is chosen by counting the {@code functionResponse} parts in the request
 * (the CLI sends the whole history), so the script is stateless like the API.
 */
public final class ScriptedGeminiServer implements AutoCloseable {

  /** One scripted reply. */
  public sealed interface Reply {}

  /** A model response: text and function calls, in order. */
  public record Response(List<Part> parts) implements Reply {}

  /** An HTTP error with a Google API error body. */
  public record Error(int status, String statusName, String message) implements Reply {}

  public sealed interface Part {}

  public record Text(String text) implements Part {}

  public record Shell(String command) implements Part {}

  /** A call of any function the request declares, by its name, with its args as a JSON object. */
  public record Call(String name, String args) implements Part {}

  public static Response say(String text) {
    return new Response(List.of(new Text(text)));
  }

  public static Response respond(Part... parts) {
    return new Response(List.of(parts));
  }

  public static Text text(String text) {
    return new Text(text);
  }

  public static Shell shell(String command) {
    return new Shell(command);
  }

  public static Call call(String name, String args) {
    return new Call(name, args);
  }

  /** A request as received. */
  public record Request(String uri, String apiKey, JsonNode body) {
    /** The text parts of every user content, in order. */
    public List<String> userTexts() {
      List<String> texts = new ArrayList<>();
      for (JsonNode content : body.path("contents")) {
        if ("user".equals(content.path("role").asText())) {
          for (JsonNode part : content.path("parts")) {
            if (part.path("text").isTextual()) {
              texts.add(part.path("text").asText());
            }
          }
        }
      }
      return texts;
    }
  }

  public static long inputTokens(int turn) {
    return 1000L + turn;
  }

  public static long outputTokens(int turn) {
    return 20L + turn;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Reply> script;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  private ScriptedGeminiServer(List<Reply> script) throws IOException {
    this.script = List.copyOf(script);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "scripted-gemini");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Replies turn by turn; the last one repeats. */
  public static ScriptedGeminiServer start(Reply... turns) throws IOException {
    return new ScriptedGeminiServer(List.of(turns));
  }

  /** For {@code GOOGLE_GEMINI_BASE_URL}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The content-generating requests (not token counts). */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      if (path.endsWith(":countTokens")) {
        sendJson(exchange, 200, JSON.createObjectNode().put("totalTokens", 10));
        return;
      }
      requests.add(
          new Request(
              exchange.getRequestURI().toString(),
              exchange.getRequestHeaders().getFirst("x-goog-api-key"),
              body));
      int turn = 0;
      for (JsonNode content : body.path("contents")) {
        for (JsonNode part : content.path("parts")) {
          if (part.has("functionResponse")) {
            turn++;
          }
        }
      }
      Reply reply = script.get(Math.min(turn, script.size() - 1));
      if (reply instanceof Error error) {
        ObjectNode err = JSON.createObjectNode();
        err.putObject("error")
            .put("code", error.status())
            .put("message", error.message())
            .put("status", error.statusName());
        sendJson(exchange, error.status(), err);
        return;
      }
      ObjectNode response = response(turn, (Response) reply);
      if ("alt=sse".equals(exchange.getRequestURI().getQuery())) {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(("data: " + response + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      } else {
        sendJson(exchange, 200, response);
      }
    }
  }

  private static ObjectNode response(int turn, Response reply) {
    ObjectNode response = JSON.createObjectNode();
    ObjectNode candidate = response.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content").put("role", "model");
    ArrayNode parts = content.putArray("parts");
    for (Part part : reply.parts()) {
      if (part instanceof Text text) {
        parts.addObject().put("text", text.text());
      } else if (part instanceof Shell shell) {
        ObjectNode call = parts.addObject().putObject("functionCall");
        call.put("name", "run_shell_command");
        call.putObject("args").put("command", shell.command());
      } else {
        Call called = (Call) part;
        ObjectNode call = parts.addObject().putObject("functionCall");
        call.put("name", called.name());
        try {
          call.set("args", JSON.readTree(called.args()));
        } catch (IOException e) {
          throw new IllegalArgumentException("not JSON: " + called.args(), e);
        }
      }
    }
    candidate.put("finishReason", "STOP").put("index", 0);
    response
        .putObject("usageMetadata")
        .put("promptTokenCount", inputTokens(turn))
        .put("candidatesTokenCount", outputTokens(turn))
        .put("totalTokenCount", inputTokens(turn) + outputTokens(turn));
    response.put("modelVersion", "gemini-2.5-pro");
    return response;
  }

  private static void sendJson(HttpExchange exchange, int status, JsonNode body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
