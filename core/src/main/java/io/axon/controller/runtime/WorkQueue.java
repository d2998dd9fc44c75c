package io.axon.controller.runtime;

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
 * ends. Many events for one waiting key collapse into one reconcile. A key that keeps failing waits
 * longer each time (jittered, capped); a success forgets its failures. Confined to one thread (a
 * Vert.x event loop): not thread-safe.
 */
public final class WorkQueue {
  /** After an error: the API server or the cluster needs time. */
  static final Backoff FAILURE = new Backoff(Duration.ofMillis(200), Duration.ofMinutes(2));

  /** After a 409: someone wrote first; reading anew is all it takes, so retry soon. */
  static final Backoff CONFLICT = new Backoff(Duration.ofMillis(20), Duration.ofSeconds(5));

  private final Backoff failure;
  private final Backoff conflict;

  private final LinkedHashSet<String> ready = new LinkedHashSet<>();
  private final Set<String> running = new HashSet<>();
  private final Set<String> dirty = new HashSet<>();
  private final Map<String, Integer> failures = new HashMap<>();

  public WorkQueue() {
    this(FAILURE, CONFLICT);
  }

  WorkQueue(Backoff failure, Backoff conflict) {
    this.failure = failure;
    this.conflict = conflict;
  }

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
   * @return how long to wait before retrying: {@link #FAILURE}'s delay for this key's failures in a
   *     row
   */
  public Duration failed(String key) {
    int count = failures.merge(key, 1, Integer::sum);
    finish(key);
    return failure.delay(count);
  }

  /**
   * A reconcile of the key lost a write race (409 Conflict): retried on {@link #CONFLICT}'s shorter
   * scale, still growing while the key keeps conflicting.
   */
  public Duration conflicted(String key) {
    int count = failures.merge(key, 1, Integer::sum);
    finish(key);
    return conflict.delay(count);
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
