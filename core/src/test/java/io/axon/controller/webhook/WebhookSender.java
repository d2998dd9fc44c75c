package io.axon.controller.webhook;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Delivers webhook events as GitHub does: over HTTPS (trusting only the endpoint's own
 * certificate), with {@code X-GitHub-Event}, {@code X-GitHub-Delivery} and {@code
 * X-Hub-Signature-256} over the exact bytes sent.
 */
public final class WebhookSender implements AutoCloseable {
  /** What the endpoint answered. */
  public record Answer(int status, String message) {}

  private final HttpClient http;
  private final Context context;
  private final int port;

  public WebhookSender(Vertx vertx, int port, String certificatePath) {
    this.port = port;
    this.context = vertx.getOrCreateContext();
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(certificatePath))
                // The certificate names localhost; the endpoint is reached at 127.0.0.1.
                .setVerifyHost(false));
  }

  /** Sends the body signed with this secret (null: no signature header). */
  public Answer deliver(
      String path, String event, String delivery, String secret, JsonObject payload)
      throws Exception {
    byte[] body = payload.encode().getBytes(StandardCharsets.UTF_8);
    return send(path, event, delivery, secret == null ? null : Signatures.sign(secret, body), body);
  }

  /** Sends these exact bytes with this signature header (null: none). */
  public Answer send(String path, String event, String delivery, String signature, byte[] body)
      throws Exception {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(path)
            .addHeader("Content-Type", "application/json")
            .addHeader("User-Agent", "GitHub-Hookshot/9c1a5a1");
    if (event != null) {
      options.addHeader("X-GitHub-Event", event);
    }
    if (delivery != null) {
      options.addHeader("X-GitHub-Delivery", delivery);
    }
    if (signature != null) {
      options.addHeader("X-Hub-Signature-256", signature);
    }
    return exchange(context, http, options, body);
  }

  /**
   * One request and its whole answer. The chain runs on a Vert.x context: built from the test's
   * thread, a pooled connection's response could deliver its body before {@code body()} was asked
   * for, which then completes empty.
   */
  static Answer exchange(Context context, HttpClient http, RequestOptions options, byte[] body)
      throws Exception {
    Promise<Answer> answer = Promise.promise();
    context.runOnContext(
        v ->
            http.request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(
                    response ->
                        response
                            .body()
                            .map(
                                text ->
                                    new Answer(
                                        response.statusCode(),
                                        new JsonObject(text.toString()).getString("message"))))
                .onComplete(answer));
    return answer.future().await(Duration.ofSeconds(20));
  }

  @Override
  public void close() throws Exception {
    http.close().await(Duration.ofSeconds(10));
  }

  /**
   * A recorded delivery body, {@code src/test/resources/webhooks/NAME.json} (e.g. {@code
   * pull_request.opened}): GitHub's field layout and nesting, trimmed, with fields Axon ignores
   * kept. A fresh copy each time, for a test to change only the values it varies.
   */
  public static JsonObject recorded(String name) {
    try (InputStream in = WebhookSender.class.getResourceAsStream("/webhooks/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded payload webhooks/" + name + ".json");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An {@code issues} event of this repository (the recorded {@code issues.labeled} for {@code
   * labeled}, else {@code issues.opened} with this action), for issue {@code number}.
   */
  public static JsonObject issueEvent(String action, String repository, long number, String title) {
    JsonObject event =
        inRepository(
            recorded(action.equals("labeled") ? "issues.labeled" : "issues.opened"), repository);
    JsonObject issue = event.put("action", action).getJsonObject("issue");
    issue
        .put("number", number)
        .put("title", title)
        .put("url", api(repository) + "/issues/" + number)
        .put("html_url", "https://github.com/" + repository + "/issues/" + number);
    return event;
  }

  /**
   * A {@code pull_request} event of acme/widgets (the recorded {@code pull_request.labeled} for
   * {@code labeled}, else {@code pull_request.opened} with this action) for pull request {@code
   * number} from branch {@code head}, with these labels.
   */
  public static JsonObject pullRequestEvent(
      String action, long number, String title, String head, String... labels) {
    JsonObject event =
        recorded(action.equals("labeled") ? "pull_request.labeled" : "pull_request.opened")
            .put("action", action)
            .put("number", number);
    JsonObject pull = event.getJsonObject("pull_request");
    pull.put("number", number)
        .put("title", title)
        .put("url", api("acme/widgets") + "/pulls/" + number)
        .put("html_url", "https://github.com/acme/widgets/pull/" + number);
    JsonObject headSide = pull.getJsonObject("head");
    headSide.put("ref", head).put("label", "acme:" + head);
    JsonObject template = recorded("pull_request.labeled").getJsonObject("label");
    JsonArray objects = new JsonArray();
    for (String label : labels) {
      objects.add(
          template.copy().put("name", label).put("url", api("acme/widgets") + "/labels/" + label));
    }
    pull.put("labels", objects);
    if (event.containsKey("label") && !objects.isEmpty()) {
      event.put("label", objects.getJsonObject(objects.size() - 1).copy());
    }
    return event;
  }

  /** An {@code issue_comment} created on issue {@code issue} of acme/widgets. */
  public static JsonObject commentCreated(
      long issue, long id, String login, String body, Instant createdAt) {
    JsonObject event = recorded("issue_comment.created");
    event
        .getJsonObject("issue")
        .put("number", issue)
        .put("url", api("acme/widgets") + "/issues/" + issue)
        .put("html_url", "https://github.com/acme/widgets/issues/" + issue);
    event
        .getJsonObject("comment")
        .put("id", id)
        .put("body", body)
        .put("created_at", createdAt.toString())
        .put("updated_at", createdAt.toString())
        .put("author_association", login.equals("octocat") ? "OWNER" : "NONE")
        .put("html_url", "https://github.com/acme/widgets/issues/" + issue + "#issuecomment-" + id)
        .getJsonObject("user")
        .put("login", login);
    event.getJsonObject("sender").put("login", login);
    return event;
  }

  /** A {@code check_run} completed with {@code conclusion} on pull request {@code pull}. */
  public static JsonObject checkRunCompleted(
      long id, String name, long pull, String head, String conclusion, Instant completedAt) {
    JsonObject event = recorded("check_run.completed");
    JsonObject run = event.getJsonObject("check_run");
    run.put("id", id)
        .put("name", name)
        .put("conclusion", conclusion)
        .put("completed_at", completedAt.toString())
        .put("url", api("acme/widgets") + "/check-runs/" + id);
    onPull(run, pull, head);
    run.getJsonObject("check_suite").put("conclusion", conclusion).put("head_branch", head);
    onPull(run.getJsonObject("check_suite"), pull, head);
    return event;
  }

  /** A {@code check_suite} completed with {@code conclusion} on pull request {@code pull}. */
  public static JsonObject checkSuiteCompleted(
      long id, long pull, String head, String conclusion, Instant updatedAt) {
    JsonObject event = recorded("check_suite.completed");
    JsonObject suite = event.getJsonObject("check_suite");
    suite
        .put("id", id)
        .put("conclusion", conclusion)
        .put("head_branch", head)
        .put("updated_at", updatedAt.toString())
        .put("url", api("acme/widgets") + "/check-suites/" + id);
    onPull(suite, pull, head);
    return event;
  }

  private static void onPull(JsonObject check, long pull, String head) {
    JsonObject first = check.getJsonArray("pull_requests").getJsonObject(0);
    first.put("number", pull).put("url", api("acme/widgets") + "/pulls/" + pull);
    first.getJsonObject("head").put("ref", head);
  }

  /** The event as another repository's would be: its {@code repository} name and owner changed. */
  public static JsonObject inRepository(JsonObject event, String repository) {
    String[] ownerName = repository.split("/");
    event
        .getJsonObject("repository")
        .put("full_name", repository)
        .put("name", ownerName[1])
        .put("html_url", "https://github.com/" + repository)
        .put("url", api(repository))
        .getJsonObject("owner")
        .put("login", ownerName[0]);
    return event;
  }

  private static String api(String repository) {
    return "https://api.github.com/repos/" + repository;
  }
}
