package io.axon.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationsTest {
  final MutableClock clock = new MutableClock();
  final List<Task> missed = new ArrayList<>();
  final Expectations<Task> expectations =
      new Expectations<>(clock, Duration.ofMinutes(5), 3, missed::add);

  @Test
  void aCreatedJobIsAwaitedUntilTheCacheShowsIt() {
    Task task = task("t", "uid-1", "10");
    expectations.creating(task);

    assertThat(expectations.awaitingCreated(task)).contains(Duration.ofMinutes(5));
    expectations.observedCreated(task);
    assertThat(expectations.awaitingCreated(task)).isEmpty();
  }

  @Test
  void aJobTheCacheShowsBeforeItsCreateReturnsIsNotAwaited() {
    Task task = task("t", "uid-1", "10");
    expectations.creating(task);
    assertThat(expectations.observedCreated("uid-1")).as("nobody waits for it yet").isFalse();

    assertThat(expectations.awaitingCreated(task))
        .as("the informer's event came during the create: nothing more will")
        .isEmpty();
  }

  @Test
  void aFailedCreateIsNotAwaited() {
    Task task = task("t", "uid-1", "10");
    expectations.creating(task);
    expectations.creationFailed(task);

    assertThat(expectations.awaitingCreated(task)).isEmpty();
    assertThat(expectations.size()).isZero();
  }

  @Test
  void aCreatedJobThatAReconcileWaitedForAsksForOneWhenItAppears() {
    Task waitedFor = task("a", "uid-a", "10");
    expectations.creating(waitedFor);
    expectations.creating(task("b", "uid-b", "10"));
    assertThat(expectations.awaitingCreated(waitedFor)).isPresent();

    assertThat(expectations.observedCreated("uid-a")).as("a reconcile waits for it").isTrue();
    assertThat(expectations.observedCreated("uid-b")).as("nobody looked meanwhile").isFalse();
    assertThat(expectations.awaitingCreated(waitedFor)).isEmpty();
    assertThat(expectations.size()).isZero();
  }

  @Test
  void whatAnEvictedEntryHeldBackGoesToTheReconcilerOutsideTheLock() throws Exception {
    List<Boolean> lockFree = new ArrayList<>();
    Expectations<Task>[] one = new Expectations[1];
    one[0] =
        new Expectations<>(
            clock,
            Duration.ofMinutes(5),
            1,
            held -> {
              // Another thread may use the expectations while missed runs: no lock is held.
              Thread other = new Thread(() -> one[0].size());
              other.start();
              try {
                other.join(5_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              lockFree.add(!other.isAlive());
              missed.add(held);
            });
    Task writing = task("a", "uid-a", "10");
    one[0].writing(writing);
    Task someoneElses = task("a", "uid-a", "11");
    assertThat(one[0].isOwnEcho(someoneElses)).as("held back while the write is out").isTrue();

    one[0].creating(task("b", "uid-b", "10")); // capacity 1: the writing entry is evicted

    assertThat(missed).containsExactly(someoneElses);
    assertThat(lockFree).containsExactly(true);
  }

  @Test
  void aTaskReCreatedUnderTheSameNameAwaitsNothing() {
    expectations.creating(task("t", "uid-1", "10"));

    assertThat(expectations.awaitingCreated(task("t", "uid-2", "20"))).isEmpty();
  }

  @Test
  void whatIsAwaitedExpiresAndDeletionForgetsIt() {
    Task task = task("t", "uid-1", "10");
    expectations.creating(task);
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(expectations.awaitingCreated(task)).isEmpty();

    expectations.creating(task);
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
    assertThat(expectations.freshest(task("t", "uid-1", "12")))
        .as("forgotten once the cache moved past it")
        .isNotSameAs(written);
    assertThat(expectations.size()).isZero();
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
  void anEchoDeliveredBeforeTheWriteReturnedIsOurs() {
    Task sent = task("t", "uid-1", "10");
    expectations.writing(sent);

    assertThat(expectations.isOwnEcho(task("t", "uid-1", "11"))).as("held back").isTrue();
    expectations.wrote(sent, task("t", "uid-1", "11"));

    assertThat(missed).as("it was the echo").isEmpty();
    assertThat(expectations.size()).as("the cache holds that version already").isZero();
  }

  @Test
  void someoneElsesChangeDeliveredDuringAWriteGoesOnOnceItReturns() {
    Task sent = task("t", "uid-1", "10");
    Task theirs = task("t", "uid-1", "12");
    expectations.writing(sent);
    assertThat(expectations.isOwnEcho(task("t", "uid-1", "11"))).isTrue();
    assertThat(expectations.isOwnEcho(theirs)).isTrue();

    expectations.wrote(sent, task("t", "uid-1", "11"));

    assertThat(missed).containsExactly(theirs);
  }

  @Test
  void theLastWritesEchoHandledOnlyOnceTheNextWriteStartedIsStillOurs() {
    // The informer's store shows a version before its handler runs: a reconcile can write over
    // our last write before the handler has seen that write's echo.
    expectations.wrote(task("t", "uid-1", "10"), task("t", "uid-1", "11"));
    Task sent = task("t", "uid-1", "11");
    expectations.writing(sent);
    assertThat(expectations.isOwnEcho(task("t", "uid-1", "11"))).isTrue();
    assertThat(expectations.isOwnEcho(task("t", "uid-1", "12"))).isTrue();

    expectations.wrote(sent, task("t", "uid-1", "12"));

    assertThat(missed).as("both were our echoes").isEmpty();
    assertThat(expectations.size()).isZero();
  }

  @Test
  void aCacheTwoWritesBehindStillGetsTheLastWrite() {
    Task last = task("t", "uid-1", "12");
    expectations.wrote(task("t", "uid-1", "10"), task("t", "uid-1", "11"));
    expectations.wrote(task("t", "uid-1", "11"), last);

    assertThat(expectations.freshest(task("t", "uid-1", "10"))).isSameAs(last);
    assertThat(expectations.isOwnEcho(task("t", "uid-1", "11"))).as("still recognised").isTrue();
    assertThat(expectations.freshest(task("t", "uid-1", "11"))).isSameAs(last);
  }

  @Test
  void aCacheShowingOurWriteBeforeItsEchoWasHandledStillExpectsTheEcho() {
    expectations.wrote(task("t", "uid-1", "10"), task("t", "uid-1", "11"));
    Task cached = task("t", "uid-1", "11");

    assertThat(expectations.freshest(cached)).isSameAs(cached);
    assertThat(expectations.isOwnEcho(task("t", "uid-1", "11"))).isTrue();
  }

  @Test
  void whatWasDeliveredDuringAFailedWriteWasSomeoneElses() {
    Task sent = task("t", "uid-1", "10");
    Task theirs = task("t", "uid-1", "11");
    expectations.writing(sent);
    expectations.isOwnEcho(theirs);

    expectations.writeFailed(sent);

    assertThat(missed).containsExactly(theirs);
    assertThat(expectations.isOwnEcho(task("t", "uid-1", "12"))).as("no longer writing").isFalse();
    assertThat(expectations.size()).isZero();
  }

  @Test
  void writingAgainBeforeTheEchoCameLeavesBothEchoesOurs() {
    Task second = task("t", "uid-1", "12");
    expectations.wrote(task("t", "uid-1", "10"), task("t", "uid-1", "11"));
    expectations.wrote(task("t", "uid-1", "11"), second);

    assertThat(expectations.isOwnEcho(task("t", "uid-1", "11"))).as("the first write's").isTrue();
    assertThat(expectations.freshest(task("t", "uid-1", "11")))
        .as("the cache shows the first write: the second is fresher")
        .isSameAs(second);
    assertThat(expectations.isOwnEcho(task("t", "uid-1", "11"))).as("delivered twice").isFalse();
    assertThat(expectations.isOwnEcho(task("t", "uid-1", "12"))).as("the second write's").isTrue();
    assertThat(expectations.size()).isZero();
  }

  @Test
  void expiredEntriesAreDroppedAtTheNextWriteThoughNeverLookedUpAgain() {
    expectations.wrote(task("a", "uid-a", "10"), task("a", "uid-a", "11"));
    expectations.creating(task("b", "uid-b", "10"));
    clock.advance(Duration.ofMinutes(6));

    expectations.wrote(task("c", "uid-c", "10"), task("c", "uid-c", "11"));

    assertThat(expectations.size()).isEqualTo(1);
    assertThat(expectations.isOwnEcho(task("c", "uid-c", "11"))).isTrue();
  }

  @Test
  void atMostCapacityTasksAreRemembered() {
    for (int i = 0; i < 10; i++) {
      expectations.creating(task("t" + i, "uid-" + i, "1"));
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
