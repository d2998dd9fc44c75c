package io.axon.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExpectationsTest {
  final MutableClock clock = new MutableClock();
  final Expectations<Task> expectations = new Expectations<>(clock, Duration.ofMinutes(5), 3);

  @Test
  void aCreatedJobIsAwaitedUntilTheCacheShowsIt() {
    Task task = task("t", "uid-1", "10");
    expectations.created(task);

    assertThat(expectations.awaitingCreated(task)).contains(Duration.ofMinutes(5));
    expectations.observedCreated(task);
    assertThat(expectations.awaitingCreated(task)).isEmpty();
  }

  @Test
  void aTaskReCreatedUnderTheSameNameAwaitsNothing() {
    expectations.created(task("t", "uid-1", "10"));

    assertThat(expectations.awaitingCreated(task("t", "uid-2", "20"))).isEmpty();
  }

  @Test
  void whatIsAwaitedExpiresAndDeletionForgetsIt() {
    Task task = task("t", "uid-1", "10");
    expectations.created(task);
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(expectations.awaitingCreated(task)).isEmpty();

    expectations.created(task);
    expectations.forget(task);
    assertThat(expectations.awaitingCreated(task)).isEmpty();
    assertThat(expectations.size()).isZero();
  }

  @Test
  void ourStatusWriteIsFresherUntilTheCacheMovesPastWhatItReplaced() {
    Task sent = task("t", "uid-1", "10");
    Task written = task("t", "uid-1", "11");
    expectations.wrote(sent, written);

    assertThat(expectations.freshest(task("t", "uid-1", "10"))).isSameAs(written);
    Task echo = task("t", "uid-1", "11");
    assertThat(expectations.freshest(echo)).isSameAs(echo);
    assertThat(expectations.freshest(task("t", "uid-1", "10")))
        .as("forgotten once the cache moved on")
        .isNotSameAs(written);
  }

  @Test
  void theInformerDeliveringWhatOurWriteReturnedIsOurOwnEcho() {
    expectations.wrote(task("t", "uid-1", "10"), task("t", "uid-1", "11"));

    assertThat(expectations.isOwnEcho(task("t", "uid-1", "12"))).as("someone else's").isFalse();
    assertThat(expectations.isOwnEcho(task("t", "uid-2", "11"))).as("another Task").isFalse();
    clock.advance(Duration.ofMinutes(6));
    assertThat(expectations.isOwnEcho(task("t", "uid-1", "11"))).as("expired").isFalse();
  }

  @Test
  void theEchoDropsTheWrittenCopy() {
    expectations.wrote(task("t", "uid-1", "10"), task("t", "uid-1", "11"));

    assertThat(expectations.isOwnEcho(task("t", "uid-1", "11"))).isTrue();
    assertThat(expectations.size()).as("the cache holds that version now").isZero();
  }

  @Test
  void expiredEntriesAreDroppedAtTheNextWriteThoughNeverLookedUpAgain() {
    expectations.wrote(task("a", "uid-a", "10"), task("a", "uid-a", "11"));
    expectations.created(task("b", "uid-b", "10"));
    clock.advance(Duration.ofMinutes(6));

    expectations.wrote(task("c", "uid-c", "10"), task("c", "uid-c", "11"));

    assertThat(expectations.size()).isEqualTo(1);
    assertThat(expectations.isOwnEcho(task("c", "uid-c", "11"))).isTrue();
  }

  @Test
  void atMostCapacityTasksAreRemembered() {
    for (int i = 0; i < 10; i++) {
      expectations.created(task("t" + i, "uid-" + i, "1"));
    }

    assertThat(expectations.size()).isEqualTo(3);
    assertThat(expectations.awaitingCreated(task("t9", "uid-9", "1"))).isPresent();
    assertThat(expectations.awaitingCreated(task("t0", "uid-0", "1"))).isEmpty();
  }

  static Task task(String name, String uid, String resourceVersion) {
    Task task = Fixtures.task(name);
    task.getMetadata().setUid(uid);
    task.getMetadata().setResourceVersion(resourceVersion);
    return task;
  }

  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-12-01T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
