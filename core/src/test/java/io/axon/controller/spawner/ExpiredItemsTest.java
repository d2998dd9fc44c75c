package io.axon.controller.spawner;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawnerStatus;
import io.axon.controller.Fixtures;
import io.axon.spi.source.WorkItem;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ExpiredItemsTest {
  static final Function<WorkItem, String> PROMPT = item -> "Fix: " + item.title();

  @Test
  void anExpiredItemIsKnownUntilItsPromptWouldChange() {
    TaskSpawnerStatus status = new TaskSpawnerStatus();
    ExpiredItems.add(status, ExpiredItems.entry(spawned("42", "Fix: Flaky")).orElseThrow());

    assertThat(ExpiredItems.contains(status, item("42", "Flaky"), "Fix: Flaky")).isTrue();
    assertThat(ExpiredItems.contains(status, item("42", "Flakier"), "Fix: Flakier")).isFalse();
    assertThat(ExpiredItems.contains(status, item("43", "Flaky"), "Fix: Flaky")).isFalse();
  }

  @Test
  void aPollForgetsItemsThatLeftTheFilterOrChanged() {
    TaskSpawnerStatus status = new TaskSpawnerStatus();
    ExpiredItems.add(status, ExpiredItems.entry(spawned("1", "Fix: One")).orElseThrow());
    ExpiredItems.add(status, ExpiredItems.entry(spawned("2", "Fix: Two")).orElseThrow());
    ExpiredItems.add(status, ExpiredItems.entry(spawned("3", "Fix: Three")).orElseThrow());

    ExpiredItems.retain(status, List.of(item("1", "One"), item("2", "Two, edited")), PROMPT);

    assertThat(status.getExpiredItems()).hasSize(1).allMatch(e -> e.startsWith("1:"));
  }

  @Test
  void theRecordIsBoundedOldestFirstOutAndHoldsOneEntryPerItem() {
    TaskSpawnerStatus status = new TaskSpawnerStatus();
    for (int i = 0; i < ExpiredItems.MAX + 10; i++) {
      ExpiredItems.add(status, ExpiredItems.entry(spawned("" + i, "p" + i)).orElseThrow());
    }
    ExpiredItems.add(status, ExpiredItems.entry(spawned("20", "edited")).orElseThrow());

    assertThat(status.getExpiredItems()).hasSize(ExpiredItems.MAX);
    assertThat(status.getExpiredItems().get(0)).startsWith("10:");
    assertThat(status.getExpiredItems()).filteredOn(e -> e.startsWith("20:")).hasSize(1);
  }

  @Test
  void aTaskNoSpawnerMadeHasNoEntry() {
    assertThat(ExpiredItems.entry(Fixtures.task("by-hand"))).isEmpty();
  }

  static Task spawned(String item, String prompt) {
    Task task = Fixtures.task("fix-" + item);
    task.getMetadata().setLabels(Map.of(ApiGroup.ITEM_LABEL, item));
    task.getSpec().setPrompt(prompt);
    return task;
  }

  static WorkItem item(String id, String title) {
    return new WorkItem(id, Long.parseLong(id), title, "", "", List.of(), Map.of());
  }
}
