package io.axon.gateway;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's audit trail in the cluster: a counter per route and decision (no per-Task labels:
 * their number is unbounded); per Task, the counts in the Task's {@code status.gateway} (written
 * every few seconds when they moved), and a Warning Event {@value #REASON} for each refusal (at
 * most {@value #EVENTS_PER_MINUTE} a minute per Task), naming the method, host and path and why.
 */
public final class KubernetesAudit implements GatewayAudit {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesAudit.class);
  public static final String REASON = "GatewayRefused";
  static final int EVENTS_PER_MINUTE = 10;
  static final long FLUSH_MS = 5_000;

  private final Vertx vertx;
  private final KubernetesClient client;
  private final MeterRegistry registry;
  private final GatewayCounts counts = new GatewayCounts();
  private final Map<String, long[]> eventWindows =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
          return size() > GatewayCounts.MAX_TASKS;
        }
      };
  private final long timer;

  public KubernetesAudit(Vertx vertx, KubernetesClient client, MeterRegistry registry) {
    this.vertx = vertx;
    this.client = client;
    this.registry = registry;
    this.timer = vertx.setPeriodic(FLUSH_MS, id -> flush());
  }

  @Override
  public void allowed(TaskGrant grant, Route route) {
    counter(route, "allowed").increment();
    counts.add(grant.key(), true);
  }

  @Override
  public void refused(
      TaskGrant grant, Route route, String method, String host, String path, String reason) {
    counter(route, "refused").increment();
    counts.add(grant.key(), false);
    LOG.info("Refused for Task {}: {} {} {}: {}", grant.key(), method, host, path, reason);
    if (takeEventSlot(grant.key())) {
      String message = clip(method + " " + host + " " + path + ": " + reason, 1000);
      vertx.executeBlocking(() -> event(grant, message), false);
    }
  }

  @Override
  public void unauthenticated(Route route) {
    counter(route, "unauthenticated").increment();
  }

  private Counter counter(Route route, String decision) {
    return Counter.builder("axon_gateway_requests")
        .description("Requests the gateway allowed, refused, or got without a valid token")
        .tag("route", route.name().toLowerCase(java.util.Locale.ROOT))
        .tag("decision", decision)
        .register(registry);
  }

  private synchronized boolean takeEventSlot(String task) {
    long now = System.currentTimeMillis();
    long[] window = eventWindows.computeIfAbsent(task, k -> new long[] {now, 0});
    if (now - window[0] > 60_000) {
      window[0] = now;
      window[1] = 0;
    }
    return window[1]++ < EVENTS_PER_MINUTE;
  }

  private Void event(TaskGrant grant, String message) {
    try {
      Task task =
          client.resources(Task.class).inNamespace(grant.namespace()).withName(grant.task()).get();
      if (task == null) {
        return null;
      }
      String now = Instant.now().toString();
      client
          .v1()
          .events()
          .inNamespace(grant.namespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(grant.task() + "." + UUID.randomUUID().toString().substring(0, 13))
                  .withNamespace(grant.namespace())
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion(ApiGroup.API_VERSION)
                  .withKind("Task")
                  .withName(grant.task())
                  .withNamespace(grant.namespace())
                  .withUid(task.getMetadata().getUid())
                  .endInvolvedObject()
                  .withType("Warning")
                  .withReason(REASON)
                  .withMessage(message)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .withNewSource()
                  .withComponent("axon-gateway")
                  .endSource()
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      LOG.warn("Could not record a refusal for Task {}: {}", grant.key(), e.getMessage());
    }
    return null;
  }

  private void flush() {
    Map<String, GatewayCounts.Count> changed = counts.drainChanged();
    if (changed.isEmpty()) {
      return;
    }
    vertx.executeBlocking(
        () -> {
          changed.forEach(this::annotate);
          return null;
        },
        true);
  }

  private void annotate(String key, GatewayCounts.Count count) {
    int slash = key.indexOf('/');
    try {
      // A merge patch of status.gateway alone: the controller's own status writes keep it (it
      // starts from the stored status) and are not overwritten.
      client
          .resources(Task.class)
          .inNamespace(key.substring(0, slash))
          .withName(key.substring(slash + 1))
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              new JsonObject()
                  .put(
                      "status",
                      new JsonObject()
                          .put(
                              "gateway",
                              new JsonObject()
                                  .put("allowed", count.allowed())
                                  .put("refused", count.refused())))
                  .encode());
    } catch (KubernetesClientException e) {
      LOG.debug("Could not write the counts of Task {}: {}", key, e.getMessage());
    }
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "...";
  }

  public void close() {
    vertx.cancelTimer(timer);
    flush();
  }
}
