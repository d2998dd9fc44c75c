package io.axon.controller.queue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys waiting to be reconciled. A key is never handed out twice at the same time: a key that
 * changes while it is being reconciled is marked and handed out again once the running reconcile
 * ends. Many events for one waiting key collapse into one reconcile. Confined to one thread (a
 * Vert.x event loop): not thread-safe.
 */
public final class WorkQueue {
  private static final Duration FIRST_RETRY = Duration.ofMillis(200);
  private static final Duration MAX_RETRY = Duration.ofMinutes(2);

  private final LinkedHashSet<String> ready = new LinkedHashSet<>();
  private final Set<String> running = new HashSet<>();
  private final Set<String> dirty = new HashSet<>();
  private final Map<String, Integer> failures = new HashMap<>();

  /** Asks for the key to be reconciled. */
  public void add(String key) {
    if (running.contains(key)) {
      dirty.add(key);
    } else {
      ready.add(key);
    }
  }

  /** The next key to reconcile, now marked as running; empty when none is ready. */
  public Optional<String> next() {
    Iterator<String> it = ready.iterator();
    if (!it.hasNext()) {
      return Optional.empty();
    }
    String key = it.next();
    it.remove();
    running.add(key);
    return Optional.of(key);
  }

  /** A reconcile of the key succeeded. */
  public void succeeded(String key) {
    failures.remove(key);
    finish(key);
  }

  /**
   * A reconcile of the key failed.
   *
   * @return how long to wait before retrying: doubling from 200 ms up to two minutes
   */
  public Duration failed(String key) {
    int count = failures.merge(key, 1, Integer::sum);
    finish(key);
    long millis = FIRST_RETRY.toMillis() << Math.min(count - 1, 20);
    return Duration.ofMillis(Math.min(millis, MAX_RETRY.toMillis()));
  }

  public int running() {
    return running.size();
  }

  public int waiting() {
    return ready.size();
  }

  private void finish(String key) {
    running.remove(key);
    if (dirty.remove(key)) {
      ready.add(key);
    }
  }
}
