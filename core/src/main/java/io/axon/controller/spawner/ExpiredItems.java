package io.axon.controller.spawner;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawnerStatus;
import io.axon.spi.source.WorkItem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The items of a TaskSpawner whose Task finished and was deleted by its {@code
 * ttlSecondsAfterFinished}, kept in {@code status.expiredItems} so the spawner does not run them
 * again. An entry is {@code <item label>:<hash of the prompt>}: an item whose prompt would now be
 * different (its issue was edited) runs again, and so does one that leaves the spawner's filter for
 * a poll (the {@code axon/needs-input} loop). Pure functions.
 */
public final class ExpiredItems {
  /** Entries kept; the oldest go first. */
  static final int MAX = 2048;

  private static final int HASH_BYTES = 6;

  private ExpiredItems() {}

  /** The entry for a spawned Task that expires now; empty for a Task no spawner made. */
  public static Optional<String> entry(Task task) {
    Map<String, String> labels = task.getMetadata().getLabels();
    String item = labels == null ? null : labels.get(ApiGroup.ITEM_LABEL);
    if (item == null || task.getSpec() == null || task.getSpec().getPrompt() == null) {
      return Optional.empty();
    }
    return Optional.of(entry(item, task.getSpec().getPrompt()));
  }

  /** Adds an entry (replacing an older one for the same item), dropping the oldest beyond MAX. */
  public static TaskSpawnerStatus add(TaskSpawnerStatus status, String entry) {
    String item = item(entry);
    List<String> entries = new ArrayList<>(status.getExpiredItems());
    entries.removeIf(e -> item(e).equals(item));
    entries.add(entry);
    if (entries.size() > MAX) {
      entries = new ArrayList<>(entries.subList(entries.size() - MAX, entries.size()));
    }
    status.setExpiredItems(entries);
    return status;
  }

  /** Whether {@code item}, whose Task would get {@code prompt}, ran already and expired. */
  static boolean contains(TaskSpawnerStatus status, WorkItem item, String prompt) {
    return status != null
        && status.getExpiredItems().contains(entry(SpawnedTaskNames.labelValue(item.id()), prompt));
  }

  /**
   * Keeps only the entries of items this poll found, with the prompt they would get now: an item
   * that left the filter or changed is forgotten, and so runs again when it matches.
   */
  static TaskSpawnerStatus retain(
      TaskSpawnerStatus status, List<WorkItem> items, Function<WorkItem, String> prompt) {
    if (status.getExpiredItems().isEmpty()) {
      return status;
    }
    Set<String> current =
        items.stream()
            .map(item -> safeEntry(item, prompt))
            .flatMap(Optional::stream)
            .collect(Collectors.toSet());
    List<String> kept = new ArrayList<>(status.getExpiredItems());
    kept.removeIf(e -> !current.contains(e));
    status.setExpiredItems(kept);
    return status;
  }

  private static Optional<String> safeEntry(WorkItem item, Function<WorkItem, String> prompt) {
    try {
      return Optional.of(entry(SpawnedTaskNames.labelValue(item.id()), prompt.apply(item)));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // A prompt that cannot be rendered makes no Task either.
    }
  }

  static String entry(String itemLabel, String prompt) {
    return itemLabel + ":" + hash(prompt);
  }

  private static String item(String entry) {
    int colon = entry.lastIndexOf(':');
    return colon < 0 ? entry : entry.substring(0, colon);
  }

  private static String hash(String prompt) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(prompt.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, HASH_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // Every JDK has SHA-256.
    }
  }
}
