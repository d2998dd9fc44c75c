package io.axon.controller.it;

import io.axon.controller.spawner.SpawnerFixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls of one TaskSpawner that a test asks for, as a user does (a new value of its {@code
 * axon.io/poll-now} annotation), instead of waiting for its 30s floor of an interval.
 *
 * @param requests how many requests the spawner's source has answered so far
 */
record SpawnerPolls(
    KubernetesClient client,
    String namespace,
    String spawner,
    IntSupplier requests,
    Duration timeout) {

  /** Asks for this many polls, one after another, each seen by the source before the next. */
  void await(int count) {
    for (int i = 0; i < count; i++) {
      int before = requests.getAsInt();
      SpawnerFixtures.pollNow(client, namespace, spawner);
      Eventually.await(timeout, "a poll of " + spawner, requests::getAsInt, n -> n > before);
    }
  }

  /** Asks for one poll after another until the condition holds. */
  <T> T until(String what, Supplier<T> supplier, Predicate<T> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T value = supplier.get();
      if (value != null && condition.test(value)) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Timed out after %d s of polls waiting for %s; last seen: %s"
                .formatted(timeout.toSeconds(), what, value));
      }
      await(1);
    }
  }
}
