package io.axon.controller.it;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Records every answered request of one client: what a controller asked the API server, and what it
 * got back. Install it with {@link #client}.
 */
public final class RequestCounter implements Interceptor {

  /**
   * One answered request.
   *
   * @param method HTTP method
   * @param resource the resource and subresource, for example {@code jobs} or {@code tasks/status}
   * @param name the object's name (for a create: the one in the body), or empty for a collection
   * @param code the HTTP status
   */
  public record Call(String method, String resource, String name, int code) {}

  /**
   * A call with when its request left (before any interceptor installed after this one) and when
   * its answer came back.
   */
  public record Sent(Call call, long sentNanos, long answeredNanos) {}

  private static final String SENT_HEADER = "X-Axon-Test-Sent";

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final List<String> listed = new CopyOnWriteArrayList<>();

  /** A client for the configuration whose requests this counter records. */
  public KubernetesClient client(Config config) {
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("request-counter", this))
        .build();
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    builder.setHeader(SENT_HEADER, Long.toString(System.nanoTime()));
  }

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    long answered = System.nanoTime();
    Call call = call(request.method(), request.uri().getPath(), response.code());
    if (call.method().equals("POST") && call.name().isEmpty()) {
      call = new Call(call.method(), call.resource(), createdName(request), call.code());
    }
    calls.add(call);
    String query = request.uri().getRawQuery();
    if (call.method().equals("GET")
        && call.name().isEmpty()
        && (query == null || !query.contains("watch=true"))) {
      listed.add(call.resource());
    }
    String at = request.header(SENT_HEADER);
    if (at != null) {
      sent.add(new Sent(call, Long.parseLong(at), answered));
    }
  }

  /**
   * Answered writes (anything but GET) to anything but Leases whose request passed this counter
   * after {@code from} and before {@code to} ({@link System#nanoTime}).
   */
  public List<Call> writesSentBetween(long from, long to) {
    return sent.stream()
        .filter(s -> s.sentNanos() - from > 0 && s.sentNanos() - to < 0)
        .map(Sent::call)
        .filter(c -> !c.method().equals("GET") && !c.resource().equals("leases"))
        .toList();
  }

  /**
   * When the answer came to the first successful Lease write sent after {@code from} ({@link
   * System#nanoTime}), if there is one: a replica fenced by that Lease may write again only once it
   * has that answer.
   */
  public OptionalLong firstLeaseWriteAnsweredAfter(long from) {
    return sent.stream()
        .filter(s -> s.sentNanos() - from > 0)
        .filter(s -> s.call().resource().equals("leases") && !s.call().method().equals("GET"))
        .filter(s -> s.call().code() / 100 == 2)
        .min((a, b) -> Long.signum(a.sentNanos() - b.sentNanos()))
        .map(s -> OptionalLong.of(s.answeredNanos()))
        .orElse(OptionalLong.empty());
  }

  /** Every answered call, in the order the answers came. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** A create names its object in the body, not the path. */
  private static String createdName(HttpRequest request) {
    try {
      String body = request.bodyString();
      return body == null
          ? ""
          : new JsonObject(body).getJsonObject("metadata", new JsonObject()).getString("name", "");
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** Answered lists (a GET of a collection, not a watch) of this resource. */
  public long lists(String resource) {
    return listed.stream().filter(resource::equals).count();
  }

  public long count(Predicate<Call> which) {
    return calls.stream().filter(which).count();
  }

  public long count(String method, String resource, int code) {
    return count(
        c -> c.method().equals(method) && c.resource().equals(resource) && c.code() == code);
  }

  /** Parses {@code /api/v1/namespaces/NS/pods/NAME/status} and the like. */
  static Call call(String method, String path, int code) {
    String[] parts = path.replaceFirst("^/", "").split("/");
    // /api/VERSION/... or /apis/GROUP/VERSION/...
    int i = parts.length > 0 && parts[0].equals("apis") ? 3 : 2;
    if (i + 1 < parts.length && parts[i].equals("namespaces") && i + 2 < parts.length) {
      i += 2;
    }
    String resource = i < parts.length ? parts[i] : "";
    String name = i + 1 < parts.length ? parts[i + 1] : "";
    if (i + 2 < parts.length) {
      resource += "/" + parts[i + 2];
    }
    return new Call(method, resource, name, code);
  }
}
