package io.axon.controller.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What this process wrote that its informer caches may not show yet, per primary object, keyed by
 * the object's UID (so a deleted and re-created object of the same name starts clean) and
 * resourceVersion. Two kinds of write are remembered:
 *
 * <ul>
 *   <li>a dependent created for the object (a Task's Job): until the cache shows it, a reconcile
 *       must not create it again;
 *   <li>a status write: while the cache still shows the version that write replaced, what the
 *       server answered is fresher (read-your-writes); and when the informer delivers exactly the
 *       version the write returned, that event is our own echo and needs no reconcile.
 * </ul>
 *
 * <p>Bounded: at most {@code capacity} objects (the least recently used go first), and every entry
 * expires after {@code ttl}, after which the caches are trusted again; expired entries are dropped
 * at the next write, so a finished object that is never reconciled again is not kept. A status
 * write's copy is dropped as soon as its echo arrives (the cache holds the same version then), and
 * the object's deletion forgets it. Thread-safe.
 *
 * @param <T> the primary resource type
 */
public final class Expectations<T extends HasMetadata> {
  /** As client-go's controller expectations: long enough for any informer to catch up. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  public static final int DEFAULT_CAPACITY = 16_384;

  private static final class Entry<T> {
    Instant createdAt;
    String writtenOver;
    T written;
    Instant writtenAt;
  }

  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Entry<T>> byUid;

  public Expectations(Clock clock) {
    this(clock, DEFAULT_TTL, DEFAULT_CAPACITY);
  }

  public Expectations(Clock clock, Duration ttl, int capacity) {
    this.clock = clock;
    this.ttl = ttl;
    this.byUid =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry<T>> eldest) {
            return size() > capacity;
          }
        };
  }

  /** We created a dependent for {@code owner}; the cache may not show it yet. */
  public synchronized void created(T owner) {
    dropExpired();
    Entry<T> entry = byUid.computeIfAbsent(uid(owner), uid -> new Entry<>());
    entry.createdAt = clock.instant();
  }

  /**
   * How much longer to wait for the cache to show the dependent we created for {@code owner}; empty
   * when we created none, the cache showed it, or the wait expired.
   */
  public synchronized Optional<Duration> awaitingCreated(T owner) {
    Entry<T> entry = byUid.get(uid(owner));
    if (entry == null || entry.createdAt == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), entry.createdAt.plus(ttl));
    if (left.isNegative() || left.isZero()) {
      clearCreated(uid(owner), entry);
      return Optional.empty();
    }
    return Optional.of(left);
  }

  /** The cache shows a dependent of {@code owner}: no need to expect it any more. */
  public synchronized void observedCreated(T owner) {
    Entry<T> entry = byUid.get(uid(owner));
    if (entry != null && entry.createdAt != null) {
      clearCreated(uid(owner), entry);
    }
  }

  /** We wrote {@code written} (what the server answered) over {@code sent} (what we sent). */
  public synchronized void wrote(T sent, T written) {
    dropExpired();
    Entry<T> entry = byUid.computeIfAbsent(uid(sent), uid -> new Entry<>());
    entry.writtenOver = sent.getMetadata().getResourceVersion();
    entry.written = written;
    entry.writtenAt = clock.instant();
  }

  /**
   * The freshest copy known: what our last write returned while the cache still shows the version
   * that write replaced, else the cached one (and the write is forgotten).
   */
  public synchronized T freshest(T cached) {
    String uid = uid(cached);
    Entry<T> entry = byUid.get(uid);
    if (entry == null || entry.written == null) {
      return cached;
    }
    if (!expired(entry.writtenAt)
        && Objects.equals(entry.writtenOver, cached.getMetadata().getResourceVersion())) {
      return entry.written;
    }
    clearWritten(uid, entry);
    return cached;
  }

  /**
   * Whether the informer delivers exactly what our last write returned: our own echo. The cache
   * holds that version from then on, so the copy is dropped.
   */
  public synchronized boolean isOwnEcho(T delivered) {
    String uid = uid(delivered);
    Entry<T> entry = byUid.get(uid);
    boolean echo =
        entry != null
            && entry.written != null
            && !expired(entry.writtenAt)
            && Objects.equals(
                entry.written.getMetadata().getResourceVersion(),
                delivered.getMetadata().getResourceVersion());
    if (echo) {
      clearWritten(uid, entry);
    }
    return echo;
  }

  /** The object is gone. */
  public synchronized void forget(T deleted) {
    byUid.remove(uid(deleted));
  }

  /** Objects with something remembered. */
  public synchronized int size() {
    return byUid.size();
  }

  /**
   * Drops expired entries from the least recently used end (entries there are the oldest, as every
   * use refreshes an entry's place), stopping at the first live one.
   */
  private void dropExpired() {
    var eldest = byUid.values().iterator();
    while (eldest.hasNext()) {
      Entry<T> entry = eldest.next();
      boolean live =
          (entry.createdAt != null && !expired(entry.createdAt))
              || (entry.writtenAt != null && !expired(entry.writtenAt));
      if (live) {
        return;
      }
      eldest.remove();
    }
  }

  private boolean expired(Instant at) {
    return at.plus(ttl).isBefore(clock.instant());
  }

  private void clearCreated(String uid, Entry<T> entry) {
    entry.createdAt = null;
    if (entry.written == null) {
      byUid.remove(uid);
    }
  }

  private void clearWritten(String uid, Entry<T> entry) {
    entry.written = null;
    entry.writtenOver = null;
    entry.writtenAt = null;
    if (entry.createdAt == null) {
      byUid.remove(uid);
    }
  }

  private static String uid(HasMetadata object) {
    return Objects.requireNonNull(object.getMetadata().getUid(), "metadata.uid");
  }
}
