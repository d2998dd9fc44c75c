package io.axon.controller.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventQueueTest {
  record Written(String task, String reason, int times) {}

  final List<Written> written = new ArrayList<>();
  final AtomicInteger dropped = new AtomicInteger();
  final CountDownLatch release = new CountDownLatch(1);
  EventQueue queue;

  @AfterEach
  void close() {
    release.countDown();
    if (queue != null) {
      queue.close(Duration.ofSeconds(5));
    }
  }

  @Test
  void aRepeatOfAnEventStillWaitingIsCountedNotQueuedAgain() throws Exception {
    queue = new EventQueue(blockedUntilReleased(), 1, 16, dropped::incrementAndGet);
    queue.normal(task("a"), "Blocker", "first");
    awaitWriting();
    for (int i = 0; i < 3; i++) {
      queue.normal(task("a"), "Started", "The agent started.");
    }
    queue.normal(task("a"), "Succeeded", "The agent finished.");
    assertThat(queue.size()).isEqualTo(2);

    release.countDown();
    awaitWritten(3);
    assertThat(written)
        .containsExactly(
            new Written("a", "Blocker", 1),
            new Written("a", "Started", 3),
            new Written("a", "Succeeded", 1));
    assertThat(dropped).hasValue(0);
  }

  @Test
  void aFullQueueDropsItsOldestEventAndCountsIt() throws Exception {
    queue = new EventQueue(blockedUntilReleased(), 1, 2, dropped::incrementAndGet);
    queue.normal(task("a"), "Blocker", "first");
    awaitWriting();
    queue.normal(task("b"), "JobCreated", "b");
    queue.normal(task("c"), "JobCreated", "c");
    queue.normal(task("d"), "JobCreated", "d");

    assertThat(queue.size()).isEqualTo(2);
    assertThat(dropped).hasValue(1);
    release.countDown();
    awaitWritten(3);
    assertThat(written).extracting(Written::task).containsExactly("a", "c", "d");
  }

  @Test
  void fourWritersKeepUpWithTheEventsOfAThousandTasksEachTasksInOrder() throws Exception {
    Map<String, List<String>> byTask = new ConcurrentHashMap<>();
    AtomicInteger count = new AtomicInteger();
    queue =
        new EventQueue(
            (about, type, reason, message, times) -> {
              sleep(1); // An API round trip.
              byTask.computeIfAbsent(about.getName(), k -> new ArrayList<>()).add(reason);
              count.incrementAndGet();
            },
            4,
            4096,
            dropped::incrementAndGet);
    long start = System.nanoTime();
    for (String reason : List.of("JobCreated", "Started", "Succeeded")) {
      for (int i = 0; i < 1000; i++) {
        queue.normal(task("t-" + i), reason, reason);
      }
    }

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (count.get() < 3000 && System.nanoTime() < deadline) {
      sleep(10);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(count).hasValue(3000);
    assertThat(dropped).hasValue(0);
    assertThat(byTask.values())
        .allSatisfy(
            reasons -> assertThat(reasons).containsExactly("JobCreated", "Started", "Succeeded"));
    // One writer would need the full 3,000 round trips.
    assertThat(took).isLessThan(Duration.ofMillis(3000));
  }

  EventQueue.Writer blockedUntilReleased() {
    return (ObjectReference about, String type, String reason, String message, int times) -> {
      synchronized (written) {
        writing.countDown();
      }
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (written) {
        written.add(new Written(about.getName(), reason, times));
        written.notifyAll();
      }
    };
  }

  final CountDownLatch writing = new CountDownLatch(1);

  void awaitWriting() throws InterruptedException {
    assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
  }

  void awaitWritten(int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    synchronized (written) {
      while (written.size() < n && System.currentTimeMillis() < deadline) {
        written.wait(100);
      }
    }
  }

  static Task task(String name) {
    Task task = Fixtures.task(name);
    task.getMetadata().setUid("uid-" + name);
    return task;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
