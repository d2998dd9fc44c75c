package io.axon.controller.webhook;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.GenericWebhook;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.runtime.Addresses;
import io.axon.controller.runtime.Leadership;
import io.axon.controller.runtime.ResourceCache;
import io.axon.controller.runtime.ResourceKey;
import io.axon.controller.spawner.SpawnerPlan;
import io.axon.controller.task.TaskTransition;
import io.axon.source.webhook.FieldMapping;
import io.axon.source.webhook.GenericWebhookSourceProvider;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub webhook deliveries, at {@code POST /webhooks/github/NAMESPACE/NAME} on a port of its own
 * (HTTPS unless told otherwise). A delivery counts only when its {@code X-Hub-Signature-256} is the
 * HMAC-SHA256 of its body with the spawner's secret ({@code spec.webhook.secretRef}); it counts
 * once per {@code X-GitHub-Delivery} ({@link Deliveries}). An issue or pull request event of the
 * spawner's repository then makes the spawner poll at once: the poll applies the spawner's filters,
 * author gate and {@code maxConcurrency} as ever, and an item left out for lack of room stays in
 * the source for the next poll, so no event is dropped and none makes a second Task. Polls asked
 * for by deliveries are at most one a second per spawner (a burst or a replay coalesces).
 *
 * <p>When a Task of a spawner that takes deliveries and has a {@code maxConcurrency} finishes, the
 * spawner polls too: an item a delivery brought but the limit held back gets its Task as soon as
 * there is room, not at the next scheduled poll.
 *
 * <p>Every replica takes deliveries, so a load balancer may send them to any: a standby verifies
 * them as the leader does and puts what they ask for in the spawner's {@code status.queuedItems}
 * (an issue or pull request event as a request to poll); the leader notices the queue change in its
 * cache within {@link #QUEUE_CHECK} and drains it. Only the leader polls and makes Tasks. Secrets
 * are read by name ({@link WebhookSecrets}) and never logged.
 */
public final class WebhookVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookVerticle.class);
  static final String PREFIX = "/webhooks/github/";

  /** GitHub caps payloads at 25 MB; an issue event is a few KiB, a big pull request's some 100. */
  static final int MAX_BODY = 1 << 20;

  /** The least time between two polls a spawner's deliveries ask for. */
  public static final Duration POLL_SPACING = Duration.ofSeconds(1);

  /** How often queued work is looked at without a delivery or a finished Task to say so. */
  static final Duration SWEEP = Duration.ofMinutes(1);

  /** How often the leader looks in its cache for queues another replica changed. */
  static final Duration QUEUE_CHECK = Duration.ofSeconds(1);

  private static final Pattern PATH =
      Pattern.compile("^" + PREFIX + "([a-z0-9][-a-z0-9]{0,62})/([a-z0-9][-a-z0-9.]{0,252})$");

  static final String GENERIC_PREFIX = "/webhooks/generic/";
  private static final Pattern GENERIC_PATH =
      Pattern.compile(
          "^" + GENERIC_PREFIX + "([a-z0-9][-a-z0-9]{0,62})/([a-z0-9][-a-z0-9.]{0,252})$");

  private final WebhookSettings settings;
  private final KubernetesClient client;
  private final KubernetesClient queueClient;
  private final Supplier<ResourceCache> cache;
  private final Leadership leadership;
  private final Clock clock;
  private final Deliveries deliveries = new Deliveries();
  private final WebhookSecrets secrets;
  private final Map<String, Long> lastPoll = new HashMap<>();
  private final Map<String, Long> pendingPoll = new HashMap<>();
  private final WorkSourceRegistry sources;
  private final Map<String, Map<String, Object>> sourceDefaults;
  private final Set<String> draining = new HashSet<>();
  private final Set<String> drainAgain = new HashSet<>();
  private final Map<String, List<String>> seenQueues = new HashMap<>();
  private QueuedWork queued;
  private GenericQueue genericQueue;
  private WorkerExecutor workers;
  private HttpServer server;
  private long sweep = -1;
  private long queueCheck = -1;

  /**
   * @param sources the installed source kinds, whose settings hold the filters and author gate
   * @param sourceDefaults the controller's {@code sources} setting
   * @param client fenced by the Lease: drains, polls
   * @param queueClient not fenced: enqueueing, which a standby does too
   */
  public WebhookVerticle(
      WebhookSettings settings,
      KubernetesClient client,
      KubernetesClient queueClient,
      Supplier<ResourceCache> cache,
      WorkSourceRegistry sources,
      Map<String, Map<String, Object>> sourceDefaults,
      boolean leaderElection,
      Clock clock) {
    this.settings = settings;
    this.client = client;
    this.queueClient = queueClient;
    this.cache = cache;
    this.sources = sources;
    this.sourceDefaults = Map.copyOf(sourceDefaults);
    this.clock = clock;
    this.secrets = new WebhookSecrets(client, clock);
    this.leadership = new Leadership(leaderElection, this::drainAll, this::forgetPolls);
  }

  @Override
  public Future<?> start() {
    workers = vertx.createSharedWorkerExecutor("axon-webhook", 2);
    var own = context;
    queued =
        new QueuedWork(
            client,
            queueClient,
            key -> own.runOnContext(v -> requestPoll(key)),
            cache.get(),
            sources,
            sourceDefaults,
            settings.maxQueuedItems());
    genericQueue =
        new GenericQueue(
            client,
            queueClient,
            cache.get(),
            sources,
            sourceDefaults,
            settings.maxQueuedDeliveries());
    sweep = vertx.setPeriodic(SWEEP.toMillis(), id -> drainAll());
    queueCheck = vertx.setPeriodic(QUEUE_CHECK.toMillis(), id -> drainChanged());
    leadership.follow(vertx);
    HttpServerOptions options =
        new HttpServerOptions().setHost(settings.host()).setPort(settings.port());
    settings
        .tls()
        .ifPresent(
            tls ->
                options
                    .setSsl(true)
                    .setKeyCertOptions(
                        new PemKeyCertOptions()
                            .setCertPath(tls.certPath())
                            .setKeyPath(tls.keyPath())));
    server = vertx.createHttpServer(options).requestHandler(this::handle);
    return server
        .listen()
        .onSuccess(
            s -> LOG.info("Webhook endpoint listening on {}:{}", settings.host(), s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    leadership.stop();
    vertx.cancelTimer(sweep);
    vertx.cancelTimer(queueCheck);
    return server.close().eventually(() -> workers.close());
  }

  /** A status change the controller wrote; from any thread. */
  public void onTransition(TaskTransition transition) {
    var own = context;
    Task task = transition.task();
    var labels = task.getMetadata().getLabels();
    String spawnerName = labels == null ? null : labels.get(ApiGroup.SPAWNER_LABEL);
    if (own == null
        || spawnerName == null
        || !transition.phaseChanged()
        || transition.current().getPhase() == null
        || !transition.current().getPhase().isFinished()) {
      return;
    }
    String key = ResourceKey.of(task.getMetadata().getNamespace(), spawnerName);
    own.runOnContext(
        v -> {
          ResourceCache caches = cache.get();
          Optional<TaskSpawner> spawner = caches == null ? Optional.empty() : caches.spawner(key);
          if (!leadership.isLeading()
              || spawner.isEmpty()
              || spawner.get().getSpec() == null
              || spawner.get().getSpec().getMaxConcurrency() == null) {
            return;
          }
          if (spawner.get().getSpec().getWebhook() != null) {
            requestPoll(key);
            drain(key);
          } else if (spawner.get().getSpec().getWhen() != null
              && spawner.get().getSpec().getWhen().getGenericWebhook() != null) {
            drain(key);
          }
        });
  }

  /** The port it listens on, once started. */
  public int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    Matcher path = PATH.matcher(request.path());
    Matcher generic = GENERIC_PATH.matcher(request.path());
    boolean isGeneric = generic.matches();
    if (request.method() != HttpMethod.POST || !(path.matches() || isGeneric)) {
      answer(
          request,
          404,
          "POST deliveries to "
              + PREFIX
              + "NAMESPACE/TASKSPAWNER or "
              + GENERIC_PREFIX
              + "NAMESPACE/TASKSPAWNER");
      return;
    }
    String key =
        isGeneric
            ? ResourceKey.of(generic.group(1), generic.group(2))
            : ResourceKey.of(path.group(1), path.group(2));
    String length = request.getHeader("Content-Length");
    if (length != null && length.matches("[0-9]{1,12}") && Long.parseLong(length) > MAX_BODY) {
      answer(request, 413, "the delivery is larger than " + MAX_BODY + " bytes");
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] tooLarge = {false};
    request.handler(
        chunk -> {
          if (!tooLarge[0] && body.length() + chunk.length() > MAX_BODY) {
            tooLarge[0] = true;
            answer(request, 413, "the delivery is larger than " + MAX_BODY + " bytes");
          } else if (!tooLarge[0]) {
            body.appendBuffer(chunk);
          }
        });
    request.endHandler(
        v -> {
          if (!tooLarge[0] && isGeneric) {
            receivedGeneric(request, key, body);
          } else if (!tooLarge[0]) {
            received(request, key, body);
          }
        });
  }

  private void received(HttpServerRequest request, String key, Buffer body) {
    ResourceCache caches = cache.get();
    Optional<TaskSpawner> spawner = caches == null ? Optional.empty() : caches.spawner(key);
    if (spawner.isEmpty()
        || spawner.get().getSpec() == null
        || spawner.get().getSpec().getWebhook() == null
        || spawner.get().getSpec().getWebhook().getSecretRef() == null) {
      answer(request, 404, "no TaskSpawner " + key + " takes webhook deliveries");
      return;
    }
    String secretName = spawner.get().getSpec().getWebhook().getSecretRef().getName();
    String event = request.getHeader("X-GitHub-Event");
    String delivery = request.getHeader("X-GitHub-Delivery");
    String signature = request.getHeader("X-Hub-Signature-256");
    workers
        .<String>executeBlocking(() -> secrets.get(ResourceKey.namespace(key), secretName), false)
        .onComplete(
            read -> {
              if (read.failed()) {
                LOG.warn("Webhook of TaskSpawner {}: {}", key, read.cause().getMessage());
                answer(
                    request, 500, "the webhook's Secret cannot be read; see the controller's log");
                return;
              }
              byte[] bytes = body.getBytes();
              if (!Signatures.verifies(read.result(), bytes, signature)) {
                answer(
                    request,
                    401,
                    "X-Hub-Signature-256 does not match the body and the spawner's secret");
                return;
              }
              if (event == null
                  || delivery == null
                  || delivery.isBlank()
                  || delivery.length() > 128) {
                answer(request, 400, "a delivery needs X-GitHub-Event and X-GitHub-Delivery");
                return;
              }
              if (!deliveries.firstTime(key, delivery)) {
                answer(request, 200, "delivery " + delivery + " was taken already");
                return;
              }
              dispatch(request, spawner.get(), key, event, delivery, bytes);
            });
  }

  /**
   * A generic delivery: authenticated and fresh ({@link GenericAuth}), first seen by its delivery
   * id, its fields mapped from the body; then queued in the spawner's status and drained.
   */
  private void receivedGeneric(HttpServerRequest request, String key, Buffer body) {
    ResourceCache caches = cache.get();
    Optional<TaskSpawner> spawner = caches == null ? Optional.empty() : caches.spawner(key);
    GenericWebhook hook =
        spawner.isEmpty()
                || spawner.get().getSpec() == null
                || spawner.get().getSpec().getWhen() == null
            ? null
            : spawner.get().getSpec().getWhen().getGenericWebhook();
    if (hook == null || hook.getSecretRef() == null || hook.getSecretRef().getName() == null) {
      answer(request, 404, "no TaskSpawner " + key + " takes generic webhook deliveries");
      return;
    }
    SpawnerPlan plan;
    FieldMapping fields;
    Duration window;
    try {
      plan = genericQueue.plan(spawner.get());
      fields = FieldMapping.parse(plan.settings().get("fields"));
      window = GenericWebhookSourceProvider.replayWindow(plan.settings());
    } catch (RuntimeException e) {
      answer(request, 409, "the TaskSpawner's settings are wrong; its conditions say why");
      return;
    }
    String authentication =
        hook.getAuthentication() == null ? "hmac" : hook.getAuthentication().name();
    GenericAuth.Headers headers =
        new GenericAuth.Headers(
            request.getHeader(GenericAuth.DELIVERY),
            request.getHeader(GenericAuth.TIMESTAMP),
            request.getHeader(GenericAuth.SIGNATURE),
            request.getHeader("Authorization"));
    String secretName = hook.getSecretRef().getName();
    byte[] bytes = body.getBytes();
    workers
        .<String>executeBlocking(
            () ->
                secrets.get(
                    ResourceKey.namespace(key), secretName, GenericAuth.secretKey(authentication)),
            false)
        .onComplete(
            read -> {
              if (read.failed()) {
                LOG.warn("Generic webhook of TaskSpawner {}: {}", key, read.cause().getMessage());
                answer(
                    request, 500, "the webhook's Secret cannot be read; see the controller's log");
                return;
              }
              Optional<GenericAuth.Refusal> refusal =
                  GenericAuth.check(
                      authentication, read.result(), headers, bytes, clock.instant(), window);
              if (refusal.isPresent()) {
                answer(request, refusal.get().status(), refusal.get().message());
                return;
              }
              Map<String, String> mapped;
              try {
                mapped = fields.apply(bytes);
              } catch (IllegalArgumentException e) {
                answer(request, 400, e.getMessage());
                return;
              }
              int size =
                  mapped.entrySet().stream()
                      .mapToInt(
                          e ->
                              e.getKey().length()
                                  + e.getValue().getBytes(StandardCharsets.UTF_8).length)
                      .sum();
              if (size > FieldMapping.MAX_BYTES) {
                answer(
                    request,
                    413,
                    "the mapped fields are larger than " + FieldMapping.MAX_BYTES + " bytes");
                return;
              }
              if (!deliveries.firstTime("generic#" + key, headers.delivery())) {
                answer(request, 200, "delivery " + headers.delivery() + " was taken already");
                return;
              }
              WorkItem item = GenericQueue.item(headers.delivery(), mapped);
              workers
                  .executeBlocking(() -> genericQueue.enqueue(key, item, mapped), false)
                  .onComplete(
                      done -> {
                        if (done.failed() || done.result() == QueuedWork.Queued.FULL) {
                          // Not taken: the sender's retry under the same delivery id must count.
                          deliveries.forget("generic#" + key, headers.delivery());
                        }
                        if (done.failed()) {
                          LOG.warn(
                              "Generic webhook of TaskSpawner {}: item {} not queued: {}",
                              key,
                              item.id(),
                              done.cause().getMessage());
                          answer(request, 503, "the delivery could not be queued; send it again");
                          return;
                        }
                        switch (done.result()) {
                          case FULL ->
                              answer(
                                  request,
                                  503,
                                  "the spawner's queue is full (webhook.maxQueuedDeliveries: "
                                      + genericQueue.max()
                                      + "); send it again once its Tasks have made room, under"
                                      + " the same delivery id");
                          case ALREADY ->
                              answer(request, 200, "item " + item.id() + " was taken already");
                          case QUEUED -> {
                            LOG.info("TaskSpawner {} queued delivery item {}", key, item.id());
                            answer(request, 202, "queued: " + item.id());
                            drain(key);
                          }
                        }
                      });
            });
  }

  private void dispatch(
      HttpServerRequest request,
      TaskSpawner spawner,
      String key,
      String event,
      String delivery,
      byte[] bytes) {
    if (event.equals("ping")) {
      answer(request, 200, "pong");
      return;
    }
    JsonObject payload;
    try {
      payload = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException e) {
      answer(request, 400, "the body is no JSON object");
      return;
    }
    String repository =
        payload.getJsonObject("repository", new JsonObject()).getString("full_name", "");
    Optional<String> own = repository(spawner);
    if (own.isPresent() && !own.get().equalsIgnoreCase(repository)) {
      answer(
          request, 200, "ignored: " + repository + " is not the spawner's repository " + own.get());
      return;
    }
    Optional<WorkRequests> work = WorkRequests.of(event, payload, spawner.getSpec().getWebhook());
    if (work.isPresent()) {
      if (WorkRequests.stale(event, payload, clock.instant())) {
        answer(
            request,
            200,
            "ignored: "
                + work.get().entry()
                + " is older than "
                + WorkRequests.REPLAY_WINDOW.toHours()
                + "h");
        return;
      }
      queue(request, spawner, key, delivery, work.get());
      return;
    }
    String reason = GitHubEvents.pollReason(event, payload);
    if (reason == null) {
      answer(request, 200, "ignored: " + event + " " + payload.getString("action", ""));
      return;
    }
    if (!leadership.isLeading()) {
      queuePoll(request, key, delivery, reason);
      return;
    }
    LOG.info("TaskSpawner {} polls now: webhook delivery ({})", key, reason);
    requestPoll(key);
    answer(request, 202, "polling: " + reason);
  }

  /** On a standby: asks the leader, through the spawner's queue, to poll now. */
  private void queuePoll(HttpServerRequest request, String key, String delivery, String reason) {
    workers
        .executeBlocking(() -> queued.enqueue(key, QueueEntry.POLL_NOW), false)
        .onComplete(
            done -> {
              if (done.failed() || done.result() == QueuedWork.Queued.FULL) {
                deliveries.forget(key, delivery);
              }
              if (done.failed()) {
                LOG.warn(
                    "Webhook of TaskSpawner {}: poll not queued: {}",
                    key,
                    done.cause().getMessage());
                answer(
                    request,
                    503,
                    "the poll could not be queued; its next scheduled poll finds what this"
                        + " delivery announced");
              } else if (done.result() == QueuedWork.Queued.FULL) {
                answer(
                    request,
                    503,
                    "the spawner's queue is full (webhook.maxQueuedItems: "
                        + queued.max()
                        + "); its next scheduled poll finds what this delivery announced");
              } else {
                LOG.info("TaskSpawner {}: the leader is asked to poll ({})", key, reason);
                answer(request, 202, "polling: " + reason);
              }
            });
  }

  /**
   * Gates the author, queues the work in the spawner's status, then makes what there is room for.
   */
  private void queue(
      HttpServerRequest request,
      TaskSpawner spawner,
      String key,
      String delivery,
      WorkRequests work) {
    workers
        .<QueuedWork.Queued>executeBlocking(
            () -> queued.authorPasses(spawner, work) ? queued.enqueue(key, work.entry()) : null,
            false)
        .onComplete(
            done -> {
              if (done.failed() || done.result() == QueuedWork.Queued.FULL) {
                // Not taken: GitHub's redelivery (under the same id) must count.
                deliveries.forget(key, delivery);
              }
              if (done.failed()) {
                LOG.warn(
                    "Webhook of TaskSpawner {}: {} not queued: {}",
                    key,
                    work.entry(),
                    done.cause().getMessage());
                answer(
                    request,
                    503,
                    "the work could not be queued; redeliver it later, under the same delivery"
                        + " id");
              } else if (done.result() == null) {
                answer(request, 200, "ignored: the author does not pass the spawner's author gate");
              } else {
                switch (done.result()) {
                  case FULL ->
                      answer(
                          request,
                          503,
                          "the spawner's queue is full (webhook.maxQueuedItems: "
                              + queued.max()
                              + "); redeliver it once its Tasks have made room, under the same"
                              + " delivery id");
                  case ALREADY -> answer(request, 200, work.entry() + " is queued already");
                  case QUEUED -> {
                    LOG.info("TaskSpawner {} queued {} (webhook delivery)", key, work.entry());
                    answer(request, 202, "queued: " + work.entry());
                  }
                }
                drain(key);
              }
            });
  }

  /**
   * Makes the queued work's Tasks, one drain per spawner at a time; a drain asked meanwhile runs
   * after.
   */
  private void drain(String key) {
    if (!leadership.isLeading()) {
      return;
    }
    if (!draining.add(key)) {
      drainAgain.add(key);
      return;
    }
    workers
        .executeBlocking(() -> queued.drain(key) + genericQueue.drain(key), false)
        .onComplete(
            done -> {
              draining.remove(key);
              if (done.failed()) {
                LOG.warn("TaskSpawner {}: queued work waits: {}", key, done.cause().getMessage());
              }
              if (drainAgain.remove(key)) {
                drain(key);
              }
            });
  }

  private void drainAll() {
    ResourceCache caches = cache.get();
    if (caches == null || !leadership.isLeading()) {
      return;
    }
    for (TaskSpawner spawner : caches.allSpawners()) {
      if (spawner.getStatus() != null
          && !(spawner.getStatus().getQueuedItems().isEmpty()
              && spawner.getStatus().getQueuedDeliveries().isEmpty())) {
        drain(ResourceKey.of(spawner));
      }
    }
  }

  /** Drains the queues that changed since this replica last looked (another replica's enqueue). */
  private void drainChanged() {
    ResourceCache caches = cache.get();
    if (caches == null || !leadership.isLeading()) {
      seenQueues.clear();
      return;
    }
    Set<String> present = new HashSet<>();
    for (TaskSpawner spawner : caches.allSpawners()) {
      String key = ResourceKey.of(spawner);
      List<String> queue = new java.util.ArrayList<>();
      if (spawner.getStatus() != null) {
        queue.addAll(spawner.getStatus().getQueuedItems());
        spawner.getStatus().getQueuedDeliveries().forEach(d -> queue.add("delivery:" + d.getId()));
      }
      if (queue.isEmpty()) {
        continue;
      }
      present.add(key);
      if (!queue.equals(seenQueues.get(key))) {
        seenQueues.put(key, List.copyOf(queue));
        drain(key);
      }
    }
    seenQueues.keySet().retainAll(present);
  }

  /** Asks the spawner to poll, at most once per {@link #POLL_SPACING}; the rest coalesce. */
  private void requestPoll(String key) {
    long now = clock.millis();
    long last = lastPoll.getOrDefault(key, Long.MIN_VALUE / 2);
    long wait = last + POLL_SPACING.toMillis() - now;
    if (wait <= 0) {
      lastPoll.put(key, now);
      vertx.eventBus().send(Addresses.SPAWNER_POLL, key);
    } else if (!pendingPoll.containsKey(key)) {
      pendingPoll.put(
          key,
          vertx.setTimer(
              wait,
              id -> {
                pendingPoll.remove(key);
                requestPoll(key);
              }));
    }
  }

  private void forgetPolls() {
    pendingPoll.values().forEach(vertx::cancelTimer);
    pendingPoll.clear();
    lastPoll.clear();
  }

  /** {@code owner/name} of the spawner's Workspace repository, when it can be read. */
  private Optional<String> repository(TaskSpawner spawner) {
    String workspaceName;
    try {
      workspaceName = queued.plan(spawner).workspaceName();
    } catch (RuntimeException e) {
      return Optional.empty(); // The spawner's conditions say what is wrong with it.
    }
    Optional<Workspace> workspace =
        cache.get().workspace(spawner.getMetadata().getNamespace(), workspaceName);
    return workspace
        .map(w -> w.getSpec() == null ? null : w.getSpec().getRepo())
        .flatMap(RepoAccess::slug);
  }

  private static void answer(HttpServerRequest request, int status, String message) {
    if (request.response().ended()) {
      return;
    }
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("message", message).encode() + "\n");
  }
}
