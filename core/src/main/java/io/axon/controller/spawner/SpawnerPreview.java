package io.axon.controller.spawner;

import static io.axon.controller.spawner.SpawnerConditions.*;

import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Workspace;
import io.axon.spi.source.HostServices;
import io.axon.spi.source.SkippedItem;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSource;
import io.axon.spi.source.WorkSourceConfig;
import io.axon.spi.source.WorkSourceException;
import io.axon.spi.source.WorkSourceRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a TaskSpawner would do now, without doing it: polls its source once and renders, for each
 * item, the Task name and prompt it would get. Creates nothing and writes nothing. Blocking.
 */
public final class SpawnerPreview {
  private List<SkippedItem> skipped = List.of();

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final WorkSourceRegistry sources;
  private final Map<String, Map<String, Object>> sourceDefaults;
  private final HostServices host;

  /** With the source kinds on this class path, and no defaults. */
  public SpawnerPreview() {
    this(WorkSourceRegistry.load(), Map.of(), HostServices.none());
  }

  /**
   * @param sourceDefaults settings per source kind under the spawner's own, as the controller's
   *     {@code sources} setting
   * @param host what the source may borrow, such as a Vert.x instance; {@link HostServices#none()}
   *     lets it make its own
   */
  public SpawnerPreview(
      WorkSourceRegistry sources,
      Map<String, Map<String, Object>> sourceDefaults,
      HostServices host) {
    this.sources = sources;
    this.sourceDefaults = Map.copyOf(sourceDefaults);
    this.host = host;
  }

  /**
   * Polls the spawner's source once.
   *
   * @param workspace the Workspace the spawner names in its source ({@code workspaceRef})
   * @param token that Workspace's {@code GITHUB_TOKEN}, if it has one
   * @return the items in the source's order
   * @throws SpawnerConfigException when the spawner cannot poll as written; the message says what
   *     to fix
   * @throws WorkSourceException when the source refuses or cannot be reached; the message says why
   */
  /** The items the last {@link #preview} left out, and why (an author the spawner refuses). */
  public List<SkippedItem> skipped() {
    return skipped;
  }

  /** What one poll of a spawner's source found, and the plan it was read with. */
  public record Polled(SpawnerPlan plan, List<WorkItem> items) {}

  public List<PreviewItem> preview(
      TaskSpawner spawner, Workspace workspace, Optional<String> token) {
    Polled polled = poll(spawner, workspace, token);
    String name = spawner.getMetadata().getName();
    return polled.items().stream().map(item -> preview(name, polled.plan(), item)).toList();
  }

  /**
   * Polls the spawner's source once, as {@link #preview} does, and answers the items themselves.
   *
   * @param workspace the Workspace the source names, or null when it names none
   */
  public Polled poll(TaskSpawner spawner, Workspace workspace, Optional<String> token) {
    String name = spawner.getMetadata() == null ? null : spawner.getMetadata().getName();
    if (name == null || name.isBlank()) {
      throw new SpawnerConfigException(
          REASON_NO_SOURCE, "metadata.name is not set: Task names start with the spawner's name");
    }
    SpawnerPlan plan = SpawnerPlan.of(spawner, sources, sourceDefaults);
    if (plan.workspaceName() != null
        && (workspace == null
            || workspace.getMetadata() == null
            || !Objects.equals(workspace.getMetadata().getName(), plan.workspaceName()))) {
      throw new SpawnerConfigException(
          REASON_WORKSPACE_NOT_FOUND,
          "the spawner polls Workspace \"%s\": give that Workspace"
              .formatted(plan.workspaceName()));
    }
    String repoURL =
        plan.workspaceName() == null || workspace.getSpec() == null
            ? null
            : workspace.getSpec().getRepo();
    WorkSource source;
    try {
      source =
          plan.provider()
              .open(new WorkSourceConfig(plan.settings(), repoURL, token, host, created(spawner)));
    } catch (WorkSourceException e) {
      throw new SpawnerConfigException(
          REASON_INVALID_SOURCE_CONFIG, "spec.when.%s: %s".formatted(plan.kind(), e.getMessage()));
    }
    try (source) {
      List<WorkItem> items = pollOnce(source);
      skipped = source.lastSkipped();
      return new Polled(plan, items);
    }
  }

  private static java.time.Instant created(TaskSpawner spawner) {
    try {
      return spawner.getMetadata().getCreationTimestamp() == null
          ? null
          : java.time.Instant.parse(spawner.getMetadata().getCreationTimestamp());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static PreviewItem preview(String spawnerName, SpawnerPlan plan, WorkItem item) {
    String prompt;
    try {
      prompt = plan.template().render(item);
    } catch (IllegalArgumentException e) {
      throw new SpawnerConfigException(REASON_INVALID_PROMPT_TEMPLATE, e.getMessage());
    }
    return new PreviewItem(
        item.id(),
        item.title(),
        item.url(),
        item.labels(),
        plan.taskName(spawnerName, item),
        prompt);
  }

  private static List<WorkItem> pollOnce(WorkSource source) {
    try {
      return source.poll().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WorkSourceException failure) {
        throw failure;
      }
      throw new WorkSourceException(
          WorkSourceException.Reason.UNAVAILABLE,
          "the source failed: " + e.getCause(),
          null,
          e.getCause());
    } catch (TimeoutException e) {
      throw new WorkSourceException(
          WorkSourceException.Reason.UNAVAILABLE,
          "the source did not answer within %d minutes".formatted(TIMEOUT.toMinutes()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkSourceException(
          WorkSourceException.Reason.UNAVAILABLE, "interrupted while polling the source");
    }
  }
}
