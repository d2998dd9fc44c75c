package io.axon.spi.source;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** An open source of work items for one TaskSpawner. */
public interface WorkSource extends AutoCloseable {

  /**
   * Fetches every item that currently matches the source's filters. The stage fails with a {@link
   * WorkSourceException} when the source cannot answer; the caller tries again at its next poll, or
   * not before {@link WorkSourceException#retryAt()} when that is set.
   */
  CompletionStage<List<WorkItem>> poll();

  /** Statistics of the most recent poll, for status and metrics. */
  PollStats lastPollStats();

  /** Items the most recent poll left out, with the reason; none unless the source gates items. */
  default List<SkippedItem> lastSkipped() {
    return List.of();
  }

  /**
   * What the spawner does with a new item while a Task of an earlier item has not finished. A
   * schedule says; item sources leave it to {@code maxConcurrency}.
   */
  default Overlap overlap() {
    return Overlap.RUN;
  }

  /**
   * When the source wants to be polled next at the latest (a schedule's next tick), or empty to
   * follow the spawner's {@code pollInterval}.
   */
  default Optional<Instant> nextPollAt() {
    return Optional.empty();
  }

  @Override
  default void close() {}
}
