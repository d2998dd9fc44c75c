package io.axon.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the ref update commands at the start of a {@code git-receive-pack} request body: pkt-lines
 * ({@code 4 hex digits of length, then the payload}) up to the first flush-pkt ({@code 0000}); the
 * first carries the client's capabilities after a NUL. What follows (push options, the packfile) is
 * not read.
 *
 * @param updates the ref updates, in order
 * @param capabilities what the client asked for (report-status, side-band-64k, ...)
 */
public record ReceivePackCommands(List<RefUpdate> updates, Set<String> capabilities) {

  /** Commands longer than this are refused: a real push of a few branches needs a few hundred. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final Pattern COMMAND =
      Pattern.compile("([0-9a-f]{40}|[0-9a-f]{64}) ([0-9a-f]{40}|[0-9a-f]{64}) (\\S+)");

  /** The body does not hold well-formed commands; the message says what is wrong. */
  public static final class MalformedException extends Exception {
    MalformedException(String message) {
      super(message);
    }
  }

  /**
   * The commands, or empty when {@code head} does not reach the flush-pkt yet (read more).
   *
   * @throws MalformedException when {@code head} cannot be the start of a receive-pack request
   */
  public static Optional<ReceivePackCommands> parse(byte[] head, int length)
      throws MalformedException {
    List<RefUpdate> updates = new ArrayList<>();
    Set<String> capabilities = Set.of();
    int at = 0;
    while (true) {
      if (length - at < 4) {
        return tooLong(length);
      }
      int size = hex4(head, at);
      if (size == 0) {
        return Optional.of(new ReceivePackCommands(List.copyOf(updates), capabilities));
      }
      if (size < 5) {
        throw new MalformedException(
            "a pkt-line of length " + size + " where a ref update belongs");
      }
      if (length - at < size) {
        return tooLong(length);
      }
      String line = new String(head, at + 4, size - 4, StandardCharsets.UTF_8);
      at += size;
      if (line.endsWith("\n")) {
        line = line.substring(0, line.length() - 1);
      }
      if (updates.isEmpty()) {
        if (line.startsWith("shallow ")) {
          continue; // a shallow clone's boundary, not a ref update
        }
        int nul = line.indexOf('\0');
        if (nul >= 0) {
          capabilities = Set.of(line.substring(nul + 1).trim().split(" +"));
          line = line.substring(0, nul);
        }
      }
      var command = COMMAND.matcher(line);
      if (!command.matches()) {
        throw new MalformedException("not a ref update command: " + printable(line));
      }
      updates.add(new RefUpdate(command.group(1), command.group(2), command.group(3)));
    }
  }

  private static Optional<ReceivePackCommands> tooLong(int length) throws MalformedException {
    if (length >= MAX_BYTES) {
      throw new MalformedException("the ref update commands exceed " + MAX_BYTES + " bytes");
    }
    return Optional.empty();
  }

  private static int hex4(byte[] bytes, int at) throws MalformedException {
    int value = 0;
    for (int i = at; i < at + 4; i++) {
      int digit = Character.digit(bytes[i], 16);
      if (digit < 0) {
        throw new MalformedException(
            "not a pkt-line length: the body is not a receive-pack request");
      }
      value = value * 16 + digit;
    }
    return value;
  }

  private static String printable(String line) {
    String cut = line.length() > 80 ? line.substring(0, 80) + "..." : line;
    return cut.replaceAll("[\\p{Cntrl}]", "?");
  }
}
