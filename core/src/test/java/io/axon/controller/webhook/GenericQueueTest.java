package io.axon.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.spi.source.WorkItem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenericQueueTest {
  @Test
  void anIdUsableInANameStaysAsItIs() {
    assertThat(GenericQueue.itemId("a-42")).isEqualTo("a-42");
  }

  @Test
  void anyOtherIdIsCleanedAndKeepsADigestOfTheOriginal() {
    String upper = GenericQueue.itemId("A-42");
    String other = GenericQueue.itemId("a-42 ");
    assertThat(upper).matches("a-42-[0-9a-f]{8}");
    assertThat(other).matches("a-42-[0-9a-f]{8}").isNotEqualTo(upper);
    assertThat(GenericQueue.itemId("../../etc")).matches("etc-[0-9a-f]{8}");
    assertThat(GenericQueue.itemId("###")).matches("[0-9a-f]{8}");
    assertThat(GenericQueue.itemId("x".repeat(300))).hasSize(49);
  }

  @Test
  void theItemTakesTheMappedFields() {
    WorkItem item =
        GenericQueue.item(
            "delivery-1",
            Map.of("Title", "T", "Body", "B", "Number", "7", "Labels", "a, b,", "Branch", "fix/x"));
    assertThat(item.id()).isEqualTo("delivery-1");
    assertThat(item.number()).isEqualTo(7);
    assertThat(item.labels()).containsExactly("a", "b");
    assertThat(item.extra()).containsExactly(Map.entry(WorkItem.BRANCH, "fix/x"));
    assertThat(GenericQueue.item("d", Map.of("ID", "a-1")).id()).isEqualTo("a-1");
  }
}
