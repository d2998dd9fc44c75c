package io.axon.spi.source;

/** What a spawner does with a new item while a Task of an earlier one has not finished. */
public enum Overlap {
  /** Create its Task at once (within the spawner's {@code maxConcurrency}). */
  RUN,
  /** Create its Task once no earlier Task runs; the source decides how long the item waits. */
  QUEUE,
  /** Create no Task for it, ever. */
  SKIP
}
