package io.axon.controller.spawner;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.spi.source.WorkItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpawnerPrioritiesTest {
  static WorkItem item(String id, String... labels) {
    return new WorkItem(id, 0, id, "", "", List.of(labels), Map.of());
  }

  @Test
  void itemsWithAnEarlierLabelGoFirstAndTheSourcesOrderStaysOtherwise() {
    List<WorkItem> items =
        List.of(
            item("1", "bug"),
            item("2", "p2"),
            item("3"),
            item("4", "p1", "p2"),
            item("5", "p2"),
            item("6", "p1"));
    assertThat(SpawnerPriorities.order(items, List.of("p1", "p2")))
        .extracting(WorkItem::id)
        .containsExactly("4", "6", "2", "5", "1", "3");
    assertThat(SpawnerPriorities.order(items, List.of())).isSameAs(items);
  }
}
