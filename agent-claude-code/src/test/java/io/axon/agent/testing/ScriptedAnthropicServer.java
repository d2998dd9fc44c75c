package io.axon.agent.testing;

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
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted Anthropic Messages API on 127.0.0.1, enough for the real Claude Code CLI: {@code POST
 * /v1/messages}, streamed as server-sent events or, when {@code stream} is false (the CLI's
 * fallback after a broken stream), as one JSON message. The reply is chosen by counting the
 * assistant messages in the request, so the script is stateless like the API. Every request body is
 * recorded so tests can check what the model received.
 */
public final class ScriptedAnthropicServer implements AutoCloseable {

  /** Picks the reply for a request; {@code turn} is the number of assistant messages in it. */
  @FunctionalInterface
  public interface Script {
    ModelReply reply(int turn, JsonNode request);
  }

  /** A request as received. */
  public record Request(
      String method, String uri, Map<String, List<String>> headers, JsonNode body) {
    /** The text of every content block of every user message, in order. */
    public List<String> userTexts() {
      List<String> texts = new ArrayList<>();
      for (JsonNode message : body.path("messages")) {
        if (!"user".equals(message.path("role").asText())) {
          continue;
        }
        JsonNode content = message.path("content");
        if (content.isTextual()) {
          texts.add(content.asText());
        }
        for (JsonNode block : content) {
          if (block.path("text").isTextual()) {
            texts.add(block.path("text").asText());
          }
        }
      }
      return texts;
    }
  }

  /** Token counts the server reported, summed over its replies. */
  public record Usage(long input, long cacheCreation, long cacheRead, long output) {
    Usage plus(Usage other) {
      return new Usage(
          input + other.input,
          cacheCreation + other.cacheCreation,
          cacheRead + other.cacheRead,
          output + other.output);
    }

    /** All input tokens, the way Axon's summary counts them. */
    public long allInput() {
      return input + cacheCreation + cacheRead;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TEXT_CHUNK = 24;
  private static final int JSON_CHUNK = 32;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Script script;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger ids = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private Usage usage = new Usage(0, 0, 0, 0);

  private ScriptedAnthropicServer(Script script) throws IOException {
    this.script = script;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "scripted-anthropic");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static ScriptedAnthropicServer start(Script script) throws IOException {
    return new ScriptedAnthropicServer(script);
  }

  /** Replies from a list, turn by turn; the last one repeats. */
  public static ScriptedAnthropicServer start(ModelReply... turns) throws IOException {
    return start((turn, request) -> turns[Math.min(turn, turns.length - 1)]);
  }

  /** For {@code ANTHROPIC_BASE_URL}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Waits, without polling, until the server has answered at least {@code count} requests. */
  public List<Request> awaitRequests(int count, java.time.Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (requests) {
      for (long left = timeout.toNanos(); requests.size() < count && left > 0; ) {
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(requests, left);
        left = deadline - System.nanoTime();
      }
      return List.copyOf(requests);
    }
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Sum of the usage the server reported in the messages it sent. */
  public synchronized Usage usage() {
    return usage;
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      JsonNode body;
      try {
        body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
      } catch (IOException e) {
        body = JSON.createObjectNode().put("unparsable", new String(raw, StandardCharsets.UTF_8));
      }
      synchronized (requests) {
        requests.add(
            new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()),
                body));
        requests.notifyAll();
      }
      if (!"POST".equals(exchange.getRequestMethod())
          || !exchange.getRequestURI().getPath().equals("/v1/messages")) {
        sendError(exchange, new ModelReply.Error(404, "not_found_error", "not scripted"));
        return;
      }
      int turn = 0;
      for (JsonNode message : body.path("messages")) {
        if ("assistant".equals(message.path("role").asText())) {
          turn++;
        }
      }
      ModelReply reply = script.reply(turn, body);
      String model = body.path("model").asText("claude-sonnet-4-20250514");
      if (reply instanceof ModelReply.Error error) {
        sendError(exchange, error);
      } else if (reply instanceof ModelReply.RetryableError error) {
        sendError(
            exchange, new ModelReply.Error(error.status(), error.type(), error.message()), true);
      } else if (reply instanceof ModelReply.Cut) {
        cut(exchange, body.path("stream").asBoolean(false), turn, model);
      } else if (reply instanceof ModelReply.Hang) {
        exchange.sendResponseHeaders(200, 0);
        closed.await();
      } else if (reply instanceof ModelReply.Message message) {
        if (body.path("stream").asBoolean(false)) {
          stream(exchange, message, turn, model);
        } else {
          sendJson(exchange, 200, fullMessage(message, turn, model));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Usage usageFor(int turn, ModelReply.Message message) {
    // Shaped like the real API's prompt-caching figures (see the transcripts README).
    long output = 0;
    for (ModelReply.Block block : message.content()) {
      output += 12 + blockText(block).length() / 4;
    }
    Usage turnUsage =
        turn == 0
            ? new Usage(6, 14236, 0, output)
            : new Usage(4, 160 + 20L * turn, 14236 + 180L * (turn - 1), output);
    synchronized (this) {
      usage = usage.plus(turnUsage);
    }
    return turnUsage;
  }

  private ObjectNode fullMessage(ModelReply.Message message, int turn, String model) {
    ObjectNode json = messageStart(message, turn, model, usageFor(turn, message), false);
    ArrayNode content = json.putArray("content");
    for (ModelReply.Block block : message.content()) {
      content.add(blockJson(block, true));
    }
    return json;
  }

  private void stream(HttpExchange exchange, ModelReply.Message message, int turn, String model)
      throws IOException {
    Usage turnUsage = usageFor(turn, message);
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("request-id", "req_scripted_" + ids.incrementAndGet());
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    ObjectNode start = messageStart(message, turn, model, turnUsage, true);
    start.putArray("content");
    send(
        out,
        "message_start",
        JSON.createObjectNode().put("type", "message_start").set("message", start));
    send(out, "ping", JSON.createObjectNode().put("type", "ping"));
    int index = 0;
    for (ModelReply.Block block : message.content()) {
      ObjectNode startBlock =
          JSON.createObjectNode().put("type", "content_block_start").put("index", index);
      startBlock.set("content_block", blockJson(block, false));
      send(out, "content_block_start", startBlock);
      String text = blockText(block);
      int chunk = block instanceof ModelReply.TextBlock ? TEXT_CHUNK : JSON_CHUNK;
      for (int at = 0; at < text.length(); at += chunk) {
        String piece = text.substring(at, Math.min(text.length(), at + chunk));
        ObjectNode delta = JSON.createObjectNode();
        if (block instanceof ModelReply.TextBlock) {
          delta.put("type", "text_delta").put("text", piece);
        } else {
          delta.put("type", "input_json_delta").put("partial_json", piece);
        }
        ObjectNode event =
            JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        send(out, "content_block_delta", event);
      }
      send(
          out,
          "content_block_stop",
          JSON.createObjectNode().put("type", "content_block_stop").put("index", index));
      index++;
    }
    ObjectNode messageDelta = JSON.createObjectNode().put("type", "message_delta");
    messageDelta
        .putObject("delta")
        .put("stop_reason", stopReason(message))
        .putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", turnUsage.output());
    send(out, "message_delta", messageDelta);
    send(out, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
  }

  /**
   * Declares a longer body than it sends and drops the connection part-way, instead of ending the
   * stream cleanly.
   */
  private void cut(HttpExchange exchange, boolean streaming, int turn, String model)
      throws IOException {
    ModelReply.Message partial = ModelReply.say("This reply is cut off mid");
    byte[] head;
    if (streaming) {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      ObjectNode start = messageStart(partial, turn, model, new Usage(1, 0, 0, 1), true);
      start.putArray("content");
      head =
          ("event: message_start\ndata: "
                  + JSON.writeValueAsString(
                      JSON.createObjectNode().put("type", "message_start").set("message", start))
                  + "\n\n")
              .getBytes(StandardCharsets.UTF_8);
    } else {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      head =
          "{\"id\":\"msg_cut\",\"type\":\"message\",\"content\":[".getBytes(StandardCharsets.UTF_8);
    }
    exchange.getResponseHeaders().set("request-id", "req_scripted_" + ids.incrementAndGet());
    exchange.sendResponseHeaders(200, head.length + 4096L);
    OutputStream out = exchange.getResponseBody();
    out.write(head);
    out.flush();
    // Thrown out of the handler, an exception makes the JDK server drop the connection.
    throw new IOException("scripted cut");
  }

  private ObjectNode messageStart(
      ModelReply.Message message, int turn, String model, Usage turnUsage, boolean streaming) {
    ObjectNode json = JSON.createObjectNode();
    json.put("id", "msg_scripted_%02d_%04d".formatted(turn, ids.incrementAndGet()));
    json.put("type", "message");
    json.put("role", "assistant");
    json.put("model", model);
    if (streaming) {
      json.putNull("stop_reason");
    } else {
      json.put("stop_reason", stopReason(message));
    }
    json.putNull("stop_sequence");
    ObjectNode usageJson = json.putObject("usage");
    usageJson.put("input_tokens", turnUsage.input());
    usageJson.put("cache_creation_input_tokens", turnUsage.cacheCreation());
    usageJson.put("cache_read_input_tokens", turnUsage.cacheRead());
    usageJson.put("output_tokens", streaming ? 1 : turnUsage.output());
    return json;
  }

  private ObjectNode blockJson(ModelReply.Block block, boolean complete) {
    ObjectNode json = JSON.createObjectNode();
    if (block instanceof ModelReply.TextBlock text) {
      json.put("type", "text").put("text", complete ? text.text() : "");
    } else if (block instanceof ModelReply.ToolUseBlock tool) {
      json.put("type", "tool_use")
          .put("id", "toolu_scripted_%04d".formatted(ids.incrementAndGet()))
          .put("name", tool.name());
      json.set("input", complete ? JSON.valueToTree(tool.input()) : JSON.createObjectNode());
    }
    return json;
  }

  private static String blockText(ModelReply.Block block) {
    if (block instanceof ModelReply.TextBlock text) {
      return text.text();
    }
    try {
      return JSON.writeValueAsString(((ModelReply.ToolUseBlock) block).input());
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String stopReason(ModelReply.Message message) {
    return message.callsTools() ? "tool_use" : "end_turn";
  }

  private static void send(OutputStream out, String event, JsonNode data) throws IOException {
    out.write(
        ("event: " + event + "\ndata: " + JSON.writeValueAsString(data) + "\n\n")
            .getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void sendError(HttpExchange exchange, ModelReply.Error error) throws IOException {
    sendError(exchange, error, false);
  }

  private void sendError(HttpExchange exchange, ModelReply.Error error, boolean retryable)
      throws IOException {
    if (!retryable) {
      exchange.getResponseHeaders().set("x-should-retry", "false");
    }
    ObjectNode json = JSON.createObjectNode().put("type", "error");
    json.putObject("error").put("type", error.type()).put("message", error.message());
    sendJson(exchange, error.status(), json);
  }

  private void sendJson(HttpExchange exchange, int status, JsonNode json) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(json);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("request-id", "req_scripted_" + ids.incrementAndGet());
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
