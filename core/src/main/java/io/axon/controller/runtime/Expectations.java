package io.axon.controller.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

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

  /** At most this many versions delivered during one write are held back; more pass at once. */
  static final int HELD_BACK = 8;

  /** Earlier status writes whose echoes may still be on their way, behind the last one's. */
  static final int EARLIER_ECHOES = 4;

  private static final class Entry<T> {
    Instant createdAt;

    /** A reconcile found the created dependent missing from the cache and waits for it. */
    boolean awaited;

    String writtenOver;

    /** What the first of the writes since the cache last caught up was written over. */
    String firstWrittenOver;

    T written;
    Instant writtenAt;

    /** The resourceVersions of earlier writes not echoed yet, oldest first. */
    final Deque<String> earlier = new ArrayDeque<>(EARLIER_ECHOES);

    /** A status write is on its way: what the informer delivers meanwhile waits for its answer. */
    boolean writing;

    /** Versions delivered while writing; which are our echo is known once the write returns. */
    final List<T> heldBack = new ArrayList<>();

    boolean idle() {
      return createdAt == null && written == null && !writing;
    }
  }

  private final Clock clock;
  private final Duration ttl;
  private final Consumer<T> missed;
  private final Map<String, Entry<T>> byUid;

  /**
   * Held-back versions of entries evicted at capacity, for {@code missed} once the lock is let go.
   */
  private final List<T> evicted = new ArrayList<>();

  /** How a write ended: the held-back versions that were someone else's, and whether ours was. */
  private record WriteEnd<T>(List<T> others, boolean echoHeldBack) {}

  /**
   * @param missed called with a version delivered during a write that turned out not to be its echo
   *     (someone else's change): it was held back from the reconciler, so it goes now
   */
  public Expectations(Clock clock, Consumer<T> missed) {
    this(clock, DEFAULT_TTL, DEFAULT_CAPACITY, missed);
  }

  public Expectations(Clock clock, Duration ttl, int capacity, Consumer<T> missed) {
    this.clock = clock;
    this.ttl = ttl;
    this.missed = missed;
    this.byUid =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry<T>> eldest) {
            if (size() <= capacity) {
              return false;
            }
            evicted.addAll(eldest.getValue().heldBack); // not lost with the entry
            return true;
          }
        };
  }

  /**
   * We are about to create a dependent for {@code owner}. Called before the create, as client-go
   * does: the informer can show the dependent before the create call returns, and an expectation
   * set after that would wait for an event that already came.
   */
  public void creating(T owner) {
    List<T> lost;
    synchronized (this) {
      dropExpired();
      Entry<T> entry = byUid.computeIfAbsent(uid(owner), uid -> new Entry<>());
      entry.createdAt = clock.instant();
      lost = takeEvicted();
    }
    lost.forEach(missed);
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
    entry.awaited = true;
    return Optional.of(left);
  }

  /** The create announced with {@link #creating} failed: nothing is on its way. */
  public synchronized void creationFailed(T owner) {
    observedCreated(uid(owner));
  }

  /** The cache shows a dependent of {@code owner}: no need to expect it any more. */
  public synchronized void observedCreated(T owner) {
    observedCreated(uid(owner));
  }

  /**
   * The cache shows a dependent of the object with this UID.
   *
   * @return whether a reconcile found it missing meanwhile and waits for it: the object needs a
   *     reconcile now
   */
  public synchronized boolean observedCreated(String ownerUid) {
    Entry<T> entry = byUid.get(ownerUid);
    if (entry == null || entry.createdAt == null) {
      return false;
    }
    boolean awaited = entry.awaited;
    clearCreated(ownerUid, entry);
    return awaited;
  }

  /**
   * A status write of {@code sent} starts. Its echo can arrive before the write returns; until it
   * returns ({@link #wrote} or {@link #writeFailed}), what the informer delivers is held back.
   */
  public void writing(T sent) {
    List<T> lost;
    synchronized (this) {
      dropExpired();
      Entry<T> entry = byUid.computeIfAbsent(uid(sent), uid -> new Entry<>());
      entry.writing = true;
      lost = takeEvicted();
    }
    lost.forEach(missed);
  }

  /** The write begun with {@link #writing} failed: whatever was held back was someone else's. */
  public void writeFailed(T sent) {
    List<T> others;
    synchronized (this) {
      Entry<T> entry = byUid.get(uid(sent));
      if (entry == null) {
        return;
      }
      others = endWriting(entry, null).others();
      if (entry.idle()) {
        byUid.remove(uid(sent));
      }
    }
    others.forEach(missed);
  }

  /** We wrote {@code written} (what the server answered) over {@code sent} (what we sent). */
  public void wrote(T sent, T written) {
    List<T> others;
    synchronized (this) {
      others = new ArrayList<>(record(sent, written));
      others.addAll(takeEvicted());
    }
    others.forEach(missed);
  }

  private List<T> record(T sent, T written) {
    dropExpired();
    Entry<T> entry = byUid.computeIfAbsent(uid(sent), uid -> new Entry<>());
    String version = written.getMetadata().getResourceVersion();
    WriteEnd<T> end = endWriting(entry, version);
    if (end.echoHeldBack()) {
      // The echo came while writing: the cache already holds this version.
      clearWritten(uid(sent), entry);
      return end.others();
    }
    if (entry.written != null && !expired(entry.writtenAt)) {
      // Written again before the last write's echo came: that echo is still ours.
      if (entry.earlier.size() == EARLIER_ECHOES) {
        entry.earlier.removeFirst();
      }
      entry.earlier.addLast(entry.written.getMetadata().getResourceVersion());
    }
    entry.writtenOver = sent.getMetadata().getResourceVersion();
    if (entry.earlier.isEmpty()) {
      entry.firstWrittenOver = entry.writtenOver;
    }
    entry.written = written;
    entry.writtenAt = clock.instant();
    return end.others();
  }

  /** An echo of a write before the one now ending, delivered (late) while it was on its way. */
  private boolean isEarlierEcho(Entry<T> entry, String version) {
    return entry.written != null
        && !expired(entry.writtenAt)
        && (version.equals(entry.written.getMetadata().getResourceVersion())
            || entry.earlier.contains(version));
  }

  /**
   * Ends a write: the held-back versions other than {@code echo} (none is, if the write failed) and
   * our earlier writes' echoes were someone else's.
   */
  private WriteEnd<T> endWriting(Entry<T> entry, String echo) {
    entry.writing = false;
    List<T> others = new ArrayList<>();
    boolean echoHeldBack = false;
    for (T held : entry.heldBack) {
      String version = held.getMetadata().getResourceVersion();
      if (echo != null && echo.equals(version)) {
        echoHeldBack = true;
      } else if (!isEarlierEcho(entry, version)) {
        others.add(held);
      }
    }
    entry.heldBack.clear();
    return new WriteEnd<>(others, echoHeldBack);
  }

  private List<T> takeEvicted() {
    if (evicted.isEmpty()) {
      return List.of();
    }
    List<T> taken = List.copyOf(evicted);
    evicted.clear();
    return taken;
  }

  /**
   * The freshest copy known: what our last write returned while the cache still shows a version it
   * (or our writes just before it) replaced, else the cached one (and the write is forgotten).
   */
  public synchronized T freshest(T cached) {
    String uid = uid(cached);
    Entry<T> entry = byUid.get(uid);
    if (entry == null || entry.written == null) {
      return cached;
    }
    String version = cached.getMetadata().getResourceVersion();
    if (!expired(entry.writtenAt) && isBehind(entry, version)) {
      return entry.written;
    }
    if (!expired(entry.writtenAt)
        && version.equals(entry.written.getMetadata().getResourceVersion())) {
      // The store shows our write before its handler has had the echo: keep expecting that.
      return cached;
    }
    clearWritten(uid, entry);
    return cached;
  }

  /** Whether the cache shows a version our writes since then replaced. */
  private static boolean isBehind(Entry<?> entry, String cachedVersion) {
    return cachedVersion.equals(entry.writtenOver)
        || cachedVersion.equals(entry.firstWrittenOver)
        || entry.earlier.contains(cachedVersion);
  }

  /**
   * Whether the informer delivers exactly what one of our writes returned: our own echo. For the
   * last write, the cache holds that version from then on, so the copy is dropped; an earlier
   * write's echo (we wrote again before it came) leaves the last write's copy in place.
   */
  public synchronized boolean isOwnEcho(T delivered) {
    String uid = uid(delivered);
    Entry<T> entry = byUid.get(uid);
    if (entry != null && entry.writing && entry.heldBack.size() < HELD_BACK) {
      entry.heldBack.add(delivered);
      return true; // for now: the write's answer tells
    }
    if (entry == null || entry.written == null || expired(entry.writtenAt)) {
      return false;
    }
    String version = delivered.getMetadata().getResourceVersion();
    if (Objects.equals(entry.written.getMetadata().getResourceVersion(), version)) {
      clearWritten(uid, entry);
      return true;
    }
    if (entry.earlier.contains(version)) {
      // Echoes come in order: this one and any before it are past.
      while (!version.equals(entry.earlier.removeFirst())) {}
      return true;
    }
    return false;
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
              || (entry.writtenAt != null && !expired(entry.writtenAt))
              || entry.writing;
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
    entry.awaited = false;
    if (entry.idle()) {
      byUid.remove(uid);
    }
  }

  private void clearWritten(String uid, Entry<T> entry) {
    entry.earlier.clear();
    entry.written = null;
    entry.writtenOver = null;
    entry.firstWrittenOver = null;
    entry.writtenAt = null;
    if (entry.idle()) {
      byUid.remove(uid);
    }
  }

  private static String uid(HasMetadata object) {
    return Objects.requireNonNull(object.getMetadata().getUid(), "metadata.uid");
  }
}
