package io.axon.controller.webhook;

import io.axon.api.v1alpha1.QueuedDelivery;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.runtime.ResourceCache;
import io.axon.controller.runtime.ResourceKey;
import io.axon.controller.spawner.SpawnedTasks;
import io.axon.controller.spawner.SpawnerPlan;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generic webhook deliveries waiting for their Task in the spawner's {@code
 * status.queuedDeliveries}: queued first (by any replica, through the unfenced client: a
 * conflict-checked edit of the queue alone), then turned into Tasks, oldest first, by the leader
 * while the spawner has fewer than {@code maxConcurrency} unfinished Tasks. The mapped fields wait
 * with the entry (the body is not kept), so the queue is bounded in entries ({@code
 * webhook.maxQueuedDeliveries}) and in bytes per entry. Task names come from the item's id, so a
 * delivery repeated under a new delivery id but the same {@code ID} field makes no second Task.
 * Blocking; one drain per spawner at a time.
 */
final class GenericQueue {
  private static final Logger LOG = LoggerFactory.getLogger(GenericQueue.class);

  private final KubernetesClient client;
  private final KubernetesClient queueClient;
  private final ResourceCache cache;
  private final WorkSourceRegistry sources;
  private final Map<String, Map<String, Object>> sourceDefaults;
  private final int max;

  /**
   * @param max how many deliveries a spawner's queue holds ({@code webhook.maxQueuedDeliveries})
   */
  GenericQueue(
      KubernetesClient client,
      KubernetesClient queueClient,
      ResourceCache cache,
      WorkSourceRegistry sources,
      Map<String, Map<String, Object>> sourceDefaults,
      int max) {
    this.client = client;
    this.queueClient = queueClient;
    this.cache = cache;
    this.sources = sources;
    this.sourceDefaults = sourceDefaults;
    this.max = max;
  }

  /** How many deliveries a spawner's queue holds. */
  int max() {
    return max;
  }

  /** The item a delivery's mapped fields make; its id is the ID field, else the delivery id. */
  static WorkItem item(String delivery, Map<String, String> fields) {
    String raw = fields.getOrDefault("ID", "");
    String id = itemId(raw.isBlank() ? delivery : raw);
    long number = 0;
    String numberText = fields.getOrDefault("Number", "").strip();
    if (numberText.matches("[0-9]{1,18}")) {
      number = Long.parseLong(numberText);
    }
    List<String> labels =
        Arrays.stream(fields.getOrDefault("Labels", "").split(","))
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .toList();
    Map<String, String> extra = new LinkedHashMap<>(fields);
    extra.keySet().removeAll(io.axon.source.webhook.FieldMapping.BUILT_IN);
    return new WorkItem(
        id,
        number,
        fields.getOrDefault("Title", ""),
        fields.getOrDefault("Body", ""),
        fields.getOrDefault("URL", ""),
        labels,
        extra);
  }

  /**
   * An id usable in a DNS label: lower-case letters, digits and dashes, at most 40 characters; when
   * that changed the text, a digest of the original is appended so two ids stay two.
   */
  static String itemId(String raw) {
    String clean =
        raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (clean.length() > 40) {
      clean = clean.substring(0, 40).replaceAll("-+$", "");
    }
    if (clean.equals(raw) && !clean.isEmpty()) {
      return clean;
    }
    return (clean.isEmpty() ? "" : clean + "-") + digest(raw);
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Queues the delivery's item, unless it is queued or has its Task already. */
  QueuedWork.Queued enqueue(String key, WorkItem item, Map<String, String> fields) {
    TaskSpawner cached = cache.spawner(key).orElse(null);
    if (cached != null
        && cache
            .task(
                ResourceKey.of(
                    cached.getMetadata().getNamespace(),
                    plan(cached).taskName(cached.getMetadata().getName(), item)))
            .isPresent()) {
      return QueuedWork.Queued.ALREADY;
    }
    QueuedWork.Queued[] outcome = {QueuedWork.Queued.QUEUED};
    update(
        queueClient,
        key,
        queue -> {
          if (queue.stream().anyMatch(d -> item.id().equals(d.getId()))) {
            outcome[0] = QueuedWork.Queued.ALREADY;
            return queue;
          }
          if (queue.size() >= max) {
            outcome[0] = QueuedWork.Queued.FULL;
            return queue;
          }
          outcome[0] = QueuedWork.Queued.QUEUED;
          List<QueuedDelivery> more = new ArrayList<>(queue);
          more.add(new QueuedDelivery(item.id(), fields));
          return more;
        });
    return outcome[0];
  }

  SpawnerPlan plan(TaskSpawner spawner) {
    return SpawnerPlan.of(spawner, sources, sourceDefaults);
  }

  /** Makes the Tasks there is room for; returns how many are still queued. */
  int drain(String key) {
    TaskSpawner spawner = cache.spawner(key).orElse(null);
    if (spawner == null || spawner.getSpec() == null) {
      return 0;
    }
    TaskSpawner live = read(key);
    List<QueuedDelivery> queue =
        live == null || live.getStatus() == null
            ? List.of()
            : live.getStatus().getQueuedDeliveries();
    if (queue.isEmpty()) {
      return 0;
    }
    SpawnerPlan plan = plan(spawner);
    String spawnerName = spawner.getMetadata().getName();
    String namespace = spawner.getMetadata().getNamespace();
    Integer limit = spawner.getSpec().getMaxConcurrency();
    long active = cache.tasksOfSpawner(key).stream().filter(GenericQueue::unfinished).count();
    Set<String> done = new HashSet<>();
    for (QueuedDelivery entry : queue) {
      WorkItem item = item(entry.getId(), entry.getFields());
      String name = plan.taskName(spawnerName, item);
      if (cache.task(ResourceKey.of(namespace, name)).isPresent()) {
        done.add(entry.getId());
        continue;
      }
      if (limit != null && active >= limit) {
        break;
      }
      String prompt;
      try {
        prompt = plan.template().render(item);
      } catch (IllegalArgumentException e) {
        LOG.warn("TaskSpawner {}: delivery item {}: {}", key, entry.getId(), e.getMessage());
        done.add(entry.getId());
        continue;
      }
      Task task = SpawnedTasks.build(spawner, item, prompt, plan.workspaceName(), name);
      try {
        client.resources(Task.class).resource(task).create();
        LOG.info("TaskSpawner {} created Task {} for delivery item {}", key, name, entry.getId());
        active++;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 422) {
          // The sender's fields make no valid Task (a branch name git refuses, say).
          LOG.warn(
              "TaskSpawner {}: delivery item {} makes no valid Task: {}",
              key,
              entry.getId(),
              e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage());
        } else if (e.getCode() != 409) {
          throw e;
        }
      }
      done.add(entry.getId());
    }
    if (done.isEmpty()) {
      return queue.size();
    }
    int[] left = {0};
    update(
        client,
        key,
        current -> {
          List<QueuedDelivery> rest =
              current.stream().filter(d -> !done.contains(d.getId())).toList();
          left[0] = rest.size();
          return rest;
        });
    return left[0];
  }

  private TaskSpawner read(String key) {
    return client
        .resources(TaskSpawner.class)
        .inNamespace(ResourceKey.namespace(key))
        .withName(ResourceKey.name(key))
        .get();
  }

  /** A relative change to the queue ({@link SpawnerStatusEdit}). */
  private void update(
      KubernetesClient writer, String key, UnaryOperator<List<QueuedDelivery>> change) {
    SpawnerStatusEdit.apply(
        client,
        writer,
        key,
        status -> {
          List<QueuedDelivery> before = List.copyOf(status.getQueuedDeliveries());
          List<QueuedDelivery> after = change.apply(before);
          if (after == before) {
            return false;
          }
          status.setQueuedDeliveries(new ArrayList<>(after));
          return true;
        });
  }

  private static boolean unfinished(Task task) {
    return task.getStatus() == null
        || task.getStatus().getPhase() == null
        || !task.getStatus().getPhase().isFinished();
  }
}
