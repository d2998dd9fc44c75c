package io.axon.spi.source;

import java.util.Objects;

/**
 * An item that matched a source's filters but was left out, and why (for example an author the
 * spawner does not accept), so that previews and statuses can say so.
 */
public record SkippedItem(WorkItem item, String reason) {
  public SkippedItem {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(reason, "reason");
  }
}
