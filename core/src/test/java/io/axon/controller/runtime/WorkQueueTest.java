package io.axon.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private final WorkQueue queue = new WorkQueue();

  @Test
  void manyEventsForOneWaitingKeyCollapseIntoOneReconcile() {
    queue.add("ns/a");
    queue.add("ns/a");
    queue.add("ns/b");
    queue.add("ns/a");

    assertThat(queue.next()).contains("ns/a");
    assertThat(queue.next()).contains("ns/b");
    assertThat(queue.next()).isEmpty();
  }

  @Test
  void aKeyIsNeverHandedOutTwiceAtTheSameTimeButIsNotLostEither() {
    queue.add("ns/a");
    assertThat(queue.next()).contains("ns/a");

    queue.add("ns/a"); // changed while being reconciled
    assertThat(queue.next()).isEmpty();
    assertThat(queue.running()).isEqualTo(1);

    queue.succeeded("ns/a");
    assertThat(queue.next()).contains("ns/a");
  }

  @Test
  void failuresBackOffWithJitterUpToTwoMinutesAndResetOnSuccess() {
    for (int i = 1; i <= 12; i++) {
      queue.add("ns/a");
      queue.next();
      Duration delay = queue.failed("ns/a");
      Duration bound = WorkQueue.FAILURE.bound(i);
      assertThat(delay).isBetween(bound.dividedBy(2), bound);
    }
    assertThat(WorkQueue.FAILURE.bound(12)).isEqualTo(Duration.ofMinutes(2));

    queue.add("ns/a");
    queue.next();
    queue.succeeded("ns/a");
    queue.add("ns/a");
    queue.next();
    assertThat(queue.failed("ns/a")).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(queue.next()).isEqualTo(Optional.empty());
  }

  @Test
  void conflictsRetrySoonerThanErrors() {
    queue.add("ns/a");
    queue.next();
    assertThat(queue.conflicted("ns/a")).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
    assertThat(queue.next()).isEmpty();
  }
}
