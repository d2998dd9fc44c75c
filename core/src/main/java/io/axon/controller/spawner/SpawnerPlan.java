package io.axon.controller.spawner;

import static io.axon.controller.spawner.SpawnerConditions.*;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskSpawnerSpec;
import io.axon.controller.duration.GoDuration;
import io.axon.spi.source.WorkSourceProvider;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.type.TypeReference;

/**
 * What a TaskSpawner's spec asks for, checked before anything is polled.
 *
 * @param provider the installed source kind named under {@code spec.when}
 * @param settings that source's block of {@code spec.when}, without {@code workspaceRef}, over the
 *     controller's defaults for the kind
 * @param workspaceName the Workspace whose repository is polled and whose clone spawned Tasks use;
 *     null for a source that needs none and names none (a schedule)
 * @param template the parsed {@code taskTemplate.promptTemplate}
 * @param pollInterval {@code spec.pollInterval}
 * @param names the parsed {@code spec.nameTemplate}, or null for the default names
 */
public record SpawnerPlan(
    WorkSourceProvider provider,
    Map<String, Object> settings,
    String workspaceName,
    PromptTemplate template,
    Duration pollInterval,
    TaskNameTemplate names) {

  public SpawnerPlan(
      WorkSourceProvider provider,
      Map<String, Object> settings,
      String workspaceName,
      PromptTemplate template,
      Duration pollInterval) {
    this(provider, settings, workspaceName, template, pollInterval, null);
  }

  /** The one name the item's Task has. */
  public String taskName(String spawnerName, io.axon.spi.source.WorkItem item) {
    return names == null
        ? SpawnedTaskNames.forItem(spawnerName, item.id())
        : names.render(spawnerName, item);
  }

  /**
   * Polling more often costs the source's rate limit and finds nothing a webhook or the poll-now
   * annotation would not bring sooner.
   */
  static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(30);

  static final String DEFAULT_POLL_INTERVAL = "5m";

  private static final String NO_SOURCE_MESSAGE =
      "spec.when names no source: set one, such as spec.when.githubIssues,"
          + " spec.when.githubPullRequests or spec.when.cron, or an installed plugin's kind";

  /**
   * Checks a TaskSpawner's spec.
   *
   * @param defaults settings per source kind that the spawner's own settings override (the
   *     controller's {@code sources} setting)
   * @throws SpawnerConfigException saying what is wrong and what to do
   */
  public static SpawnerPlan of(
      TaskSpawner spawner, WorkSourceRegistry sources, Map<String, Map<String, Object>> defaults) {
    TaskSpawnerSpec spec = spawner.getSpec();
    if (spec == null) {
      throw new SpawnerConfigException(
          REASON_NO_SOURCE,
          "The TaskSpawner has no spec: set spec.when (its source) and spec.taskTemplate");
    }
    if (spec.getWhen() == null) {
      throw new SpawnerConfigException(REASON_NO_SOURCE, NO_SOURCE_MESSAGE);
    }
    Map<String, Object> when =
        Serialization.unmarshal(
            Serialization.asJson(spec.getWhen()), new TypeReference<Map<String, Object>>() {});
    when.values().removeIf(Objects::isNull);
    if (when.size() != 1) {
      throw new SpawnerConfigException(
          REASON_NO_SOURCE,
          when.isEmpty()
              ? NO_SOURCE_MESSAGE
              : "spec.when names %d sources (%s): keep exactly one"
                  .formatted(when.size(), String.join(", ", when.keySet())));
    }
    String kind = when.keySet().iterator().next();
    WorkSourceProvider provider =
        sources
            .find(kind)
            .orElseThrow(
                () ->
                    new SpawnerConfigException(
                        REASON_UNKNOWN_SOURCE_KIND,
                        ("no source plugin for spec.when.%s is installed in the controller"
                                + " (installed: %s): put the plugin's jar on the controller's class"
                                + " path, or use an installed source")
                            .formatted(
                                kind,
                                sources.kinds().isEmpty()
                                    ? "none"
                                    : String.join(", ", sources.kinds()))));

    Map<String, Object> own = asMap(when.get(kind));
    Object reference = own.remove("workspaceRef");
    Object workspace = reference instanceof Map<?, ?> ref ? ref.get("name") : null;
    if ((workspace == null || workspace.toString().isBlank()) && provider.needsWorkspace()) {
      throw new SpawnerConfigException(
          REASON_WORKSPACE_NOT_FOUND,
          "spec.when.%s.workspaceRef.name is not set: name the Workspace whose repository to poll"
              .formatted(kind));
    }
    Map<String, Object> settings = new LinkedHashMap<>(defaults.getOrDefault(kind, Map.of()));
    settings.putAll(own);
    settings.values().removeIf(Objects::isNull);

    if (spec.getTaskTemplate() == null) {
      throw new SpawnerConfigException(
          REASON_INVALID_TASK_TEMPLATE,
          "spec.taskTemplate is not set: give the type and credentials of the Tasks to create");
    }
    PromptTemplate template;
    try {
      template =
          PromptTemplate.parse(
              spec.getTaskTemplate().getPromptTemplate(), provider.extraFields(settings));
    } catch (IllegalArgumentException e) {
      throw new SpawnerConfigException(REASON_INVALID_PROMPT_TEMPLATE, e.getMessage());
    }
    TaskNameTemplate names;
    try {
      names = TaskNameTemplate.parse(spec.getNameTemplate());
    } catch (IllegalArgumentException e) {
      throw new SpawnerConfigException(REASON_INVALID_NAME_TEMPLATE, "spec." + e.getMessage());
    }
    return new SpawnerPlan(
        provider,
        Map.copyOf(settings),
        workspace == null || workspace.toString().isBlank() ? null : workspace.toString(),
        template,
        pollInterval(spec),
        names);
  }

  /** The source's kind, such as {@code githubIssues}. */
  public String kind() {
    return provider.kind();
  }

  private static Duration pollInterval(TaskSpawnerSpec spec) {
    String text =
        spec.getPollInterval() == null || spec.getPollInterval().isBlank()
            ? DEFAULT_POLL_INTERVAL
            : spec.getPollInterval();
    Duration interval;
    try {
      interval = GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw new SpawnerConfigException(
          REASON_INVALID_POLL_INTERVAL, "spec.pollInterval: " + e.getMessage());
    }
    if (interval.compareTo(MIN_POLL_INTERVAL) < 0) {
      throw new SpawnerConfigException(
          REASON_INVALID_POLL_INTERVAL,
          ("spec.pollInterval %s is shorter than %ds: poll less often (default %s); to poll at"
                  + " once, set the annotation %s to a new value")
              .formatted(
                  text,
                  MIN_POLL_INTERVAL.toSeconds(),
                  DEFAULT_POLL_INTERVAL,
                  ApiGroup.POLL_NOW_ANNOTATION));
    }
    return interval;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> map
        ? new LinkedHashMap<>((Map<String, Object>) map)
        : new LinkedHashMap<>();
  }
}
