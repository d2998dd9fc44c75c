package io.axon.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The requests one user made, as kube-apiserver's audit log recorded them (one JSON event per line;
 * a request has a ResponseStarted event if it streams, like a watch, and a ResponseComplete event
 * when it ends). Counting on the server side sees every request, whatever client made it.
 */
final class AuditLog {
  static final Set<String> WRITES =
      Set.of("create", "update", "patch", "delete", "deletecollection");

  /** One kind of request: verb, resource[/subresource], HTTP status. */
  record Key(String verb, String resource, int code) implements Comparable<Key> {
    boolean isWrite() {
      return WRITES.contains(verb);
    }

    /** The transcript keeper's: its ConfigMap lookups and writes, and pod log reads. */
    boolean isTranscript() {
      return AuditLog.isTranscript(resource);
    }

    @Override
    public int compareTo(Key o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return "%-6s %-16s %d".formatted(verb, resource, code);
    }
  }

  private final Map<Key, Long> counts;

  static boolean isTranscript(String resource) {
    return resource.equals("pods/log") || resource.equals("configmaps");
  }

  /**
   * Follows the log as it grows: when the last request other than the transcript keeper's ended. On
   * kwok a pod has no log (no kubelet answers), so the keeper's reads fail with 500 and are retried
   * for minutes; on a real cluster each finished Task costs it one read and one write.
   */
  static final class Follower {
    private final Path file;
    private long position;
    private Instant last = Instant.EPOCH;

    Follower(Path file) {
      this.file = file;
    }

    Instant lastRequest() {
      try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
        byte[] added = new byte[(int) Math.min(in.length() - position, 64L << 20)];
        in.seek(position);
        in.readFully(added);
        int end = new String(added, StandardCharsets.ISO_8859_1).lastIndexOf('\n') + 1;
        position += end;
        for (String line : new String(added, 0, end, StandardCharsets.UTF_8).split("\n")) {
          if (line.isBlank()) {
            continue;
          }
          JsonObject event = new JsonObject(line);
          JsonObject ref = event.getJsonObject("objectRef", new JsonObject());
          String resource = ref.getString("resource", "?");
          if (ref.getString("subresource") != null) {
            resource += "/" + ref.getString("subresource");
          }
          Instant at = Instant.parse(event.getString("stageTimestamp"));
          if (!isTranscript(resource) && at.isAfter(last)) {
            last = at;
          }
        }
        return last;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private AuditLog(Map<Key, Long> counts) {
    this.counts = counts;
  }

  /** The requests of {@code username} received between {@code from} and {@code to}. */
  static AuditLog read(Path file, String username, Instant from, Instant to) throws IOException {
    Map<String, JsonObject> byId = new LinkedHashMap<>();
    try (var lines = Files.lines(file)) {
      lines
          .map(JsonObject::new)
          .filter(
              e -> username.equals(e.getJsonObject("user", new JsonObject()).getString("username")))
          .filter(
              e -> {
                Instant received = Instant.parse(e.getString("requestReceivedTimestamp"));
                return !received.isBefore(from) && !received.isAfter(to);
              })
          .forEach(e -> byId.merge(e.getString("auditID"), e, (first, later) -> later));
    }
    Map<Key, Long> counts = new TreeMap<>();
    for (JsonObject event : byId.values()) {
      JsonObject ref = event.getJsonObject("objectRef", new JsonObject());
      String resource = ref.getString("resource", "?");
      if (ref.getString("subresource") != null) {
        resource += "/" + ref.getString("subresource");
      }
      int code = event.getJsonObject("responseStatus", new JsonObject()).getInteger("code", 0);
      counts.merge(new Key(event.getString("verb"), resource, code), 1L, Long::sum);
    }
    return new AuditLog(counts);
  }

  Map<Key, Long> counts() {
    return counts;
  }

  long writes() {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().isWrite())
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  long transcript() {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().isTranscript())
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  long count(String verb, String resource, int code) {
    return counts.getOrDefault(new Key(verb, resource, code), 0L);
  }
}
