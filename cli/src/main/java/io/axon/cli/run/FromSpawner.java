package io.axon.cli.run;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Workspace;
import io.axon.cli.ExitCodes;
import io.axon.cli.UserException;
import io.axon.client.render.TerminalText;
import io.axon.controller.spawner.SpawnedTasks;
import io.axon.controller.spawner.SpawnerConfigException;
import io.axon.controller.spawner.SpawnerPlan;
import io.axon.controller.spawner.SpawnerPreview;
import io.axon.controller.spawner.WorkspaceToken;
import io.axon.spi.source.HostServices;
import io.axon.spi.source.SkippedItem;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSourceException;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * {@code axon run --from taskspawner/NAME [--item ID]}: the Task a TaskSpawner would make for one
 * item of its source, made by hand now. The spawner's source is polled once from here (with the
 * Workspace's token, or {@code $GITHUB_TOKEN}), the item's prompt rendered by the spawner's
 * template. The Task is not the spawner's: it has a name of its own ({@code <the spawner's name for
 * the item>-<random>}), no owner and the label {@code axon.io/from-taskspawner}, so it neither
 * counts against the spawner's limits nor keeps the spawner from making the item's own Task.
 */
public final class FromSpawner {
  /** The label that names the spawner a hand-made Task came from. */
  public static final String FROM_LABEL = "axon.io/from-taskspawner";

  private static final String PREFIX = "taskspawner/";
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private FromSpawner() {}

  /** The Task, not created yet; {@code name} null for a generated one. */
  public static Task build(
      KubernetesClient client,
      String namespace,
      String from,
      String itemId,
      String name,
      String apiURL,
      RandomGenerator random) {
    String spawnerName = spawnerName(from);
    TaskSpawner spawner =
        client.resources(TaskSpawner.class).inNamespace(namespace).withName(spawnerName).get();
    if (spawner == null || spawner.getSpec() == null) {
      throw new UserException(
          "taskspawner %s not found in namespace %s (axon get taskspawners lists them)"
              .formatted(spawnerName, namespace));
    }
    String workspaceName =
        spawner.getSpec().getWhen() == null
            ? null
            : spawner.getSpec().getWhen().workspaceName().orElse(null);
    Workspace workspace = null;
    if (workspaceName != null) {
      workspace =
          client.resources(Workspace.class).inNamespace(namespace).withName(workspaceName).get();
      if (workspace == null) {
        throw new UserException(
            "taskspawner %s polls Workspace %s, which is not in namespace %s: create it"
                .formatted(spawnerName, workspaceName, namespace));
      }
    }
    Map<String, Map<String, Object>> defaults =
        apiURL == null
            ? Map.of()
            : Map.of(
                "githubIssues",
                Map.of("apiBaseURL", apiURL),
                "githubPullRequests",
                Map.of("apiBaseURL", apiURL));
    WorkSourceRegistry sources = WorkSourceRegistry.load();
    SpawnerPreview preview = new SpawnerPreview(sources, defaults, HostServices.none());
    SpawnerPreview.Polled polled;
    try {
      // The Secret's token only toward the hosts its owner allowed, as the controller does.
      Optional<String> token =
          Optional.ofNullable(System.getenv("GITHUB_TOKEN")).filter(t -> !t.isBlank());
      if (token.isEmpty() && workspace != null) {
        token = WorkspaceToken.read(client, workspace, SpawnerPlan.of(spawner, sources, defaults));
      }
      polled = preview.poll(spawner, workspace, token);
    } catch (SpawnerConfigException | WorkSourceException e) {
      throw new UserException("taskspawner " + spawnerName + ": " + e.getMessage());
    }
    WorkItem item = pick(spawnerName, polled.items(), preview.skipped(), itemId);
    String prompt;
    try {
      prompt = polled.plan().template().render(item);
    } catch (IllegalArgumentException e) {
      throw new UserException("taskspawner " + spawnerName + ": " + e.getMessage());
    }
    PromptInput.requireFitsATask(prompt);
    String taskName =
        name != null ? name : withSuffix(polled.plan().taskName(spawnerName, item), random);
    Task task = SpawnedTasks.build(spawner, item, prompt, polled.plan().workspaceName(), taskName);
    task.getMetadata().setOwnerReferences(List.of());
    Map<String, String> labels = new HashMap<>();
    labels.put(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY);
    labels.put(FROM_LABEL, spawnerName);
    task.getMetadata().setLabels(labels);
    return task;
  }

  static String spawnerName(String from) {
    String name = from.startsWith(PREFIX) ? from.substring(PREFIX.length()) : null;
    if (name == null || !name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
      throw new UserException(
          "--from %s: give taskspawner/NAME, for example --from taskspawner/fix-bugs"
              .formatted(TerminalText.oneLine(from)),
          ExitCodes.USAGE);
    }
    return name;
  }

  private static WorkItem pick(
      String spawnerName, List<WorkItem> items, List<SkippedItem> skipped, String itemId) {
    if (itemId == null) {
      if (items.size() == 1) {
        return items.get(0);
      }
      if (items.isEmpty()) {
        throw new UserException(
            "taskspawner %s's source has no item now%s"
                .formatted(spawnerName, skippedNote(skipped)));
      }
      throw new UserException(
          "taskspawner %s's source has %d items (%s): pick one with --item"
              .formatted(spawnerName, items.size(), ids(items)),
          ExitCodes.USAGE);
    }
    String wanted = itemId.startsWith("#") ? itemId.substring(1) : itemId;
    for (WorkItem item : items) {
      if (item.id().equalsIgnoreCase(wanted)) {
        return item;
      }
    }
    for (SkippedItem skip : skipped) {
      if (skip.item().id().equalsIgnoreCase(wanted)) {
        throw new UserException(
            "item %s of taskspawner %s is left out: %s"
                .formatted(TerminalText.oneLine(wanted), spawnerName, skip.reason()));
      }
    }
    throw new UserException(
        "item %s is not among taskspawner %s's items now (%s): it left the spawner's filter or"
                .formatted(
                    TerminalText.oneLine(wanted),
                    spawnerName,
                    items.isEmpty() ? "none" : ids(items))
            + " does not exist");
  }

  private static String ids(List<WorkItem> items) {
    String shown =
        items.stream()
            .limit(10)
            .map(i -> TerminalText.oneLine(i.id()))
            .collect(Collectors.joining(", "));
    return items.size() > 10 ? shown + ", ..." : shown;
  }

  private static String skippedNote(List<SkippedItem> skipped) {
    return skipped.isEmpty()
        ? ""
        : " (%d left out, e.g. %s: %s)"
            .formatted(
                skipped.size(),
                TerminalText.oneLine(skipped.get(0).item().id()),
                skipped.get(0).reason());
  }

  private static String withSuffix(String base, RandomGenerator random) {
    StringBuilder suffix = new StringBuilder("-");
    for (int i = 0; i < 5; i++) {
      suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    String stem = base.length() > TaskNames.MAX_LENGTH - 6 ? base.substring(0, 57) : base;
    return stem.replaceAll("-+$", "") + suffix;
  }
}
