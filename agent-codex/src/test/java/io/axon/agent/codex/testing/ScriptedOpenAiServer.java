package io.axon.agent.codex.testing;

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
 * A scripted OpenAI Responses API on 127.0.0.1, enough for the real Codex CLI: {@code POST
 * /v1/responses}, streamed as server-sent events ({@code response.created}, {@code
 * response.output_item.added/done}, {@code response.output_text.delta}, {@code response.completed}
 * with usage). The reply is chosen by counting the {@code function_call_output} items in the
 * request (Codex sends the whole history: it stores nothing), so the script is stateless like the
 * API. Every request body is recorded.
 */
public final class ScriptedOpenAiServer implements AutoCloseable {

  /** One scripted reply. */
  public sealed interface Reply {}

  /** A model response: text and tool calls, in order. */
  public record Response(List<Output> outputs) implements Reply {}

  /** An HTTP error with an OpenAI error body. */
  public record Error(int status, String type, String message) implements Reply {}

  /** One output item of a response. */
  public sealed interface Output {}

  public record Text(String text) implements Output {}

  public record Exec(String command) implements Output {}

  /**
   * A call of any tool the request offers, by its name (and, for a tool of a {@code namespace}
   * entry of the request's tools, such as an MCP server's, that namespace; else null), with its
   * arguments as JSON.
   */
  public record Call(String namespace, String name, String arguments) implements Output {}

  public static Response say(String text) {
    return new Response(List.of(new Text(text)));
  }

  public static Response respond(Output... outputs) {
    return new Response(List.of(outputs));
  }

  public static Text text(String text) {
    return new Text(text);
  }

  public static Exec exec(String command) {
    return new Exec(command);
  }

  public static Call call(String name, String arguments) {
    return new Call(null, name, arguments);
  }

  public static Call call(String namespace, String name, String arguments) {
    return new Call(namespace, name, arguments);
  }

  /** What a test can check of one request. */
  public record Request(String path, String authorization, JsonNode body) {
    /** The text of every user message's input_text parts, in order. */
    public List<String> userTexts() {
      List<String> texts = new ArrayList<>();
      for (JsonNode item : body.path("input")) {
        if ("user".equals(item.path("role").asText())) {
          for (JsonNode part : item.path("content")) {
            if (part.path("text").isTextual()) {
              texts.add(part.path("text").asText());
            }
          }
        }
      }
      return texts;
    }
  }

  /** Tokens reported per response: input {@code 1000 + turn}, output {@code 20 + turn}. */
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

  private ScriptedOpenAiServer(List<Reply> script) throws IOException {
    this.script = List.copyOf(script);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "scripted-openai");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Replies turn by turn; the last one repeats. */
  public static ScriptedOpenAiServer start(Reply... turns) throws IOException {
    return new ScriptedOpenAiServer(List.of(turns));
  }

  /** For {@code OPENAI_BASE_URL}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")
          || !exchange.getRequestURI().getPath().endsWith("/responses")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      requests.add(
          new Request(
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders().getFirst("Authorization"),
              body));
      int turn = 0;
      for (JsonNode item : body.path("input")) {
        if ("function_call_output".equals(item.path("type").asText())) {
          turn++;
        }
      }
      Reply reply = script.get(Math.min(turn, script.size() - 1));
      if (reply instanceof Error error) {
        ObjectNode err = JSON.createObjectNode();
        err.putObject("error")
            .put("message", error.message())
            .put("type", error.type())
            .putNull("code");
        byte[] bytes = JSON.writeValueAsBytes(err);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(error.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        return;
      }
      stream(exchange, turn, (Response) reply);
    }
  }

  private void stream(HttpExchange exchange, int turn, Response response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    String id = "resp_" + turn;
    ObjectNode created = event("response.created");
    created.putObject("response").put("id", id).put("status", "in_progress").putArray("output");
    send(out, created);
    ArrayNode outputs = JSON.createArrayNode();
    for (int index = 0; index < response.outputs().size(); index++) {
      Output output = response.outputs().get(index);
      ObjectNode item = JSON.createObjectNode();
      if (output instanceof Text text) {
        item.put("type", "message")
            .put("id", "msg_" + turn + "_" + index)
            .put("role", "assistant")
            .put("status", "completed");
        item.putArray("content")
            .addObject()
            .put("type", "output_text")
            .put("text", text.text())
            .putArray("annotations");
        ObjectNode added = item.deepCopy();
        added.put("status", "in_progress").putArray("content");
        send(
            out, event("response.output_item.added").put("output_index", index).set("item", added));
        send(
            out,
            event("response.output_text.delta")
                .put("item_id", item.path("id").asText())
                .put("output_index", index)
                .put("content_index", 0)
                .put("delta", text.text()));
      } else {
        Call call =
            output instanceof Exec exec
                ? new Call(
                    null,
                    "exec_command",
                    JSON.createObjectNode().put("cmd", exec.command()).toString())
                : (Call) output;
        item.put("type", "function_call")
            .put("id", "fc_" + turn + "_" + index)
            .put("call_id", "call_" + turn + "_" + index)
            .put("name", call.name())
            .put("arguments", call.arguments())
            .put("status", "completed");
        if (call.namespace() != null) {
          item.put("namespace", call.namespace());
        }
        send(out, event("response.output_item.added").put("output_index", index).set("item", item));
      }
      send(out, event("response.output_item.done").put("output_index", index).set("item", item));
      outputs.add(item);
    }
    ObjectNode completed = event("response.completed");
    ObjectNode done = completed.putObject("response");
    done.put("id", id).put("status", "completed").set("output", outputs);
    ObjectNode usage = done.putObject("usage");
    usage.put("input_tokens", inputTokens(turn));
    usage.putObject("input_tokens_details").put("cached_tokens", 0);
    usage.put("output_tokens", outputTokens(turn));
    usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
    usage.put("total_tokens", inputTokens(turn) + outputTokens(turn));
    send(out, completed);
  }

  private static ObjectNode event(String type) {
    return JSON.createObjectNode().put("type", type);
  }

  private static void send(OutputStream out, JsonNode event) throws IOException {
    String frame = "event: " + event.path("type").asText() + "\ndata: " + event + "\n\n";
    out.write(frame.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
