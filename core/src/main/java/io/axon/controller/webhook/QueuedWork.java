package io.axon.controller.webhook;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskSpawnerStatus;
import io.axon.controller.report.GitHubWriteException;
import io.axon.controller.runtime.ResourceCache;
import io.axon.controller.runtime.ResourceKey;
import io.axon.controller.spawner.SpawnedTaskNames;
import io.axon.controller.spawner.SpawnedTasks;
import io.axon.controller.spawner.SpawnerPlan;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work deliveries asked for, kept in the spawner's {@code status.queuedItems} until it has its
 * Task: queued first (so a restart loses nothing), then turned into Tasks, oldest first, while the
 * spawner has fewer than {@code maxConcurrency} unfinished Tasks. The item's text is read from
 * GitHub then, and the source's filters (state, labels, excludeLabels) apply to it as it is then;
 * an item they leave out leaves the queue. Tasks get the spawner's template and deterministic names
 * (one per comment or check), so a repeated or replayed delivery never makes a second. Any replica
 * enqueues (through {@code queueClient}, outside the Lease fence: a conflict-checked edit of the
 * queue alone, so a standby that takes a delivery loses nothing); only the leader drains. Blocking;
 * one drain per spawner at a time.
 */
final class QueuedWork {
  private static final Logger LOG = LoggerFactory.getLogger(QueuedWork.class);
  static final int BODY_LIMIT = 64 * 1024;

  enum Queued {
    QUEUED,
    ALREADY,
    FULL
  }

  private final KubernetesClient client;
  private final KubernetesClient queueClient;
  private final Consumer<String> pollRequests;
  private final ResourceCache cache;
  private final WorkSourceRegistry sources;
  private final Map<String, Map<String, Object>> sourceDefaults;
  private final int max;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /**
   * @param client the fenced client: drains write only while this replica leads
   * @param queueClient an unfenced client, for enqueueing on any replica
   * @param pollRequests told, from a worker, of each spawner whose queue asks it to poll now
   * @param max how many entries a spawner's queue holds ({@code webhook.maxQueuedItems})
   */
  QueuedWork(
      KubernetesClient client,
      KubernetesClient queueClient,
      Consumer<String> pollRequests,
      ResourceCache cache,
      WorkSourceRegistry sources,
      Map<String, Map<String, Object>> sourceDefaults,
      int max) {
    this.client = client;
    this.queueClient = queueClient;
    this.pollRequests = pollRequests;
    this.cache = cache;
    this.sources = sources;
    this.sourceDefaults = sourceDefaults;
    this.max = max;
  }

  /** How many entries a spawner's queue holds. */
  int max() {
    return max;
  }

  SpawnerPlan plan(TaskSpawner spawner) {
    return SpawnerPlan.of(spawner, sources, sourceDefaults);
  }

  RepoAccess repo(TaskSpawner spawner, SpawnerPlan plan) {
    return RepoAccess.open(client, cache, spawner, plan, http);
  }

  /**
   * Whether the request's author passes the gate (the pull request's author when none is given).
   */
  boolean authorPasses(TaskSpawner spawner, WorkRequests request) {
    SpawnerPlan plan = plan(spawner);
    RepoAccess repo = repo(spawner, plan);
    String author = request.author();
    if (author == null) {
      author =
          repo.api()
              .get(repo.path("/pulls/" + request.entry().number()))
              .getJsonObject("user", new JsonObject())
              .getString("login");
    }
    return AuthorCheck.passes(author, plan.settings(), repo);
  }

  Queued enqueue(String key, QueueEntry entry) {
    Queued[] outcome = {Queued.QUEUED};
    update(
        queueClient,
        key,
        queue -> {
          if (queue.contains(entry.toString())) {
            outcome[0] = Queued.ALREADY;
            return queue;
          }
          if (queue.size() >= max) {
            outcome[0] = Queued.FULL;
            return queue;
          }
          outcome[0] = Queued.QUEUED;
          List<String> more = new ArrayList<>(queue);
          more.add(entry.toString());
          return more;
        });
    return outcome[0];
  }

  /** Makes the Tasks there is room for; returns how many are still queued. */
  int drain(String key) {
    TaskSpawner spawner = cache.spawner(key).orElse(null);
    if (spawner == null || spawner.getSpec() == null) {
      return 0;
    }
    List<String> queue = live(key).map(TaskSpawnerStatus::getQueuedItems).orElse(List.of());
    if (queue.isEmpty()) {
      return 0;
    }
    SpawnerPlan plan = plan(spawner);
    RepoAccess repo = repo(spawner, plan);
    Integer limit = spawner.getSpec().getMaxConcurrency();
    List<Task> existing = cache.tasksOfSpawner(key);
    long active = existing.stream().filter(QueuedWork::unfinished).count();
    Set<String> done = new HashSet<>();
    for (String text : queue) {
      Optional<QueueEntry> entry = QueueEntry.parse(text);
      if (entry.isEmpty()) {
        done.add(text);
        continue;
      }
      if (entry.get().kind().equals(QueueEntry.POLL)) {
        pollRequests.accept(key);
        done.add(text);
        continue;
      }
      String name = SpawnedTaskNames.forItem(spawner.getMetadata().getName(), entry.get().itemId());
      if (cache.task(ResourceKey.of(spawner.getMetadata().getNamespace(), name)).isPresent()) {
        done.add(text);
        continue;
      }
      if (limit != null && active >= limit) {
        break;
      }
      Optional<WorkItem> item = item(repo, entry.get(), plan.settings());
      if (item.isEmpty()) {
        LOG.info("TaskSpawner {}: queued {} no longer matches its filters", key, text);
        done.add(text);
        continue;
      }
      String prompt;
      try {
        prompt = plan.template().render(item.get());
      } catch (IllegalArgumentException e) {
        LOG.warn("TaskSpawner {}: queued {}: {}", key, text, e.getMessage());
        done.add(text);
        continue;
      }
      Task task = SpawnedTasks.build(spawner, item.get(), prompt, plan.workspaceName());
      try {
        client.resources(Task.class).resource(task).create();
        LOG.info("TaskSpawner {} created Task {} for {}", key, name, text);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
      active++;
      done.add(text);
    }
    if (done.isEmpty()) {
      return queue.size();
    }
    int[] left = {0};
    update(
        client,
        key,
        current -> {
          List<String> rest = current.stream().filter(t -> !done.contains(t)).toList();
          left[0] = rest.size();
          return rest;
        });
    return left[0];
  }

  /** The item as GitHub has it now, or empty when it is gone or the filters leave it out. */
  private static Optional<WorkItem> item(
      RepoAccess repo, QueueEntry entry, Map<String, Object> settings) {
    try {
      if (entry.kind().equals(QueueEntry.COMMENT)) {
        JsonObject issue = repo.api().get(repo.path("/issues/" + entry.number()));
        return matches(issue, settings)
            ? Optional.of(
                new WorkItem(
                    entry.itemId(),
                    entry.number(),
                    issue.getString("title", ""),
                    cut(issue.getString("body", "")),
                    issue.getString("html_url", ""),
                    labels(issue),
                    Map.of()))
            : Optional.empty();
      }
      JsonObject pull = repo.api().get(repo.path("/pulls/" + entry.number()));
      if (!matches(pull, settings)) {
        return Optional.empty();
      }
      JsonObject headSide = pull.getJsonObject("head", new JsonObject());
      String head = headSide.getString("ref", "");
      String base = pull.getJsonObject("base", new JsonObject()).getString("ref", "");
      String headRepo = headSide.getJsonObject("repo", new JsonObject()).getString("full_name", "");
      if (head.isEmpty() || !headRepo.equalsIgnoreCase(repo.owner() + "/" + repo.repo())) {
        // The Task pushes to the pull request's branch: a fork's branch is not in the repository.
        LOG.info(
            "Pull request #{}: its head {} is not a branch of {}/{}; no Task works on it",
            entry.number(),
            headRepo.isEmpty() ? "repository is gone" : headRepo,
            repo.owner(),
            repo.repo());
        return Optional.empty();
      }
      String what;
      String details;
      if (entry.kind().equals(QueueEntry.CHECK_RUN)) {
        JsonObject run = repo.api().get(repo.path("/check-runs/" + entry.id()));
        JsonObject output = run.getJsonObject("output", new JsonObject());
        what = run.getString("name", "a check");
        details =
            "Check %s failed: %s\n\n%s"
                .formatted(what, output.getString("title", ""), output.getString("summary", ""));
      } else {
        what = "check suite " + entry.id();
        details = "Check suite " + entry.id() + " failed.";
      }
      String body =
          details
              + "\n\nPull request: "
              + pull.getString("title", "")
              + " (branch "
              + head
              + " into "
              + base
              + ")\n"
              + pull.getString("body", "");
      return Optional.of(
          new WorkItem(
              entry.itemId(),
              entry.number(),
              "CI failed on pull request #" + entry.number() + ": " + what,
              cut(body),
              pull.getString("html_url", ""),
              labels(pull),
              Map.of(WorkItem.BRANCH, head, "Base", base)));
    } catch (GitHubWriteException e) {
      if (e.notFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static boolean matches(JsonObject item, Map<String, Object> settings) {
    String state = String.valueOf(settings.getOrDefault("state", "open"));
    if (!state.equals("all") && !state.equals(item.getString("state", "open"))) {
      return false;
    }
    List<String> labels = labels(item);
    if (settings.get("labels") instanceof List<?> wanted
        && !labels.containsAll(wanted.stream().map(String::valueOf).toList())) {
      return false;
    }
    return !(settings.get("excludeLabels") instanceof List<?> excluded)
        || excluded.stream().map(String::valueOf).noneMatch(labels::contains);
  }

  private static List<String> labels(JsonObject item) {
    List<String> names = new ArrayList<>();
    for (Object label : item.getJsonArray("labels", new JsonArray())) {
      if (label instanceof JsonObject object && object.getString("name") != null) {
        names.add(object.getString("name"));
      }
    }
    return names;
  }

  private static String cut(String text) {
    return text.length() <= BODY_LIMIT ? text : text.substring(0, BODY_LIMIT);
  }

  private Optional<TaskSpawner> read(String key) {
    return Optional.ofNullable(
        client
            .resources(TaskSpawner.class)
            .inNamespace(ResourceKey.namespace(key))
            .withName(ResourceKey.name(key))
            .get());
  }

  private Optional<TaskSpawnerStatus> live(String key) {
    return read(key).map(s -> s.getStatus() == null ? new TaskSpawnerStatus() : s.getStatus());
  }

  /** A relative change to the queue ({@link SpawnerStatusEdit}). */
  private void update(KubernetesClient writer, String key, UnaryOperator<List<String>> change) {
    SpawnerStatusEdit.apply(
        client,
        writer,
        key,
        status -> {
          List<String> before = List.copyOf(status.getQueuedItems());
          List<String> after = change.apply(before);
          if (after.equals(before)) {
            return false;
          }
          status.setQueuedItems(new ArrayList<>(after));
          return true;
        });
  }

  private static boolean unfinished(Task task) {
    return task.getStatus() == null
        || task.getStatus().getPhase() == null
        || !task.getStatus().getPhase().isFinished();
  }
}
