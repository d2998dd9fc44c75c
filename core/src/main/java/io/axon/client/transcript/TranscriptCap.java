package io.axon.client.transcript;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Keeps a transcript within a cap while it is read line by line, in memory bounded by the cap: the
 * first lines up to half of it, the last lines up to the other half, and a count of what was left
 * out between them. When the kept lines compress to more than {@link #MAX_COMPRESSED_BYTES} (a
 * ConfigMap holds at most 1 MiB), the cut widens until they fit. A line longer than half the cap is
 * left out with the middle. Not thread-safe.
 */
public final class TranscriptCap {
  /** The most of a transcript that is kept, uncompressed (UTF-8, a newline per line). */
  public static final int MAX_KEPT_BYTES = 4 * 1024 * 1024;

  /** The most the kept lines may take compressed. */
  public static final int MAX_COMPRESSED_BYTES = 768 * 1024;

  private final int keptBytes;
  private final int compressedBytes;
  private final List<String> head = new ArrayList<>();
  private final Deque<String> tail = new ArrayDeque<>();
  private long headSize;
  private long tailSize;
  private boolean headClosed;
  private long omittedLines;
  private long omittedBytes;

  public TranscriptCap() {
    this(MAX_KEPT_BYTES, MAX_COMPRESSED_BYTES);
  }

  /** A cap of {@code keptBytes} uncompressed and {@code compressedBytes} compressed. */
  public TranscriptCap(int keptBytes, int compressedBytes) {
    if (keptBytes < 2 || compressedBytes < 1) {
      throw new IllegalArgumentException("caps must be positive");
    }
    this.keptBytes = keptBytes;
    this.compressedBytes = compressedBytes;
  }

  /** The cap as the marker and the README say it. */
  static String describeCap() {
    return MAX_KEPT_BYTES / (1024 * 1024)
        + " MiB ("
        + MAX_COMPRESSED_BYTES / 1024
        + " KiB compressed)";
  }

  /** The next line (without its newline). */
  public void add(String line) {
    add(line, size(line));
  }

  /** The longest line, in chars, that could be kept: longer ones go with the middle. */
  public int longestLine() {
    return keptBytes / 2;
  }

  /** Reads {@code in} to its end, holding no line longer than {@link #longestLine}. */
  public TranscriptCap readAll(Reader in) throws IOException {
    StringBuilder line = new StringBuilder();
    long overlong = -1; // the length of the line being skipped, or -1
    char[] buffer = new char[8192];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      for (int i = 0; i < n; i++) {
        char c = buffer[i];
        if (c == '\n') {
          if (overlong >= 0) {
            addOverlong(overlong);
          } else {
            add(line.toString());
          }
          line.setLength(0);
          overlong = -1;
        } else if (overlong >= 0) {
          overlong++;
        } else if (line.length() == longestLine()) {
          overlong = line.length() + 1L;
          line.setLength(0);
        } else {
          line.append(c);
        }
      }
    }
    if (overlong >= 0) {
      addOverlong(overlong);
    } else if (!line.isEmpty()) {
      add(line.toString());
    }
    return this;
  }

  /**
   * A line too long to keep, of which only its length in bytes is known (the reader stopped holding
   * it): left out with the middle, so everything before it goes to the middle too.
   */
  public void addOverlong(long bytes) {
    headClosed = true;
    omitTail();
    omittedLines++;
    omittedBytes += bytes + 1;
  }

  private void add(String line, long bytes) {
    long half = keptBytes / 2;
    if (!headClosed && headSize + bytes <= half) {
      head.add(line);
      headSize += bytes;
      return;
    }
    headClosed = true;
    tail.addLast(line);
    tailSize += bytes;
    while (tailSize > keptBytes - half) {
      String dropped = tail.removeFirst();
      long size = size(dropped);
      tailSize -= size;
      omittedLines++;
      omittedBytes += size;
    }
  }

  /** What is kept: within the cap, and within the compressed cap. */
  public KeptTranscript finish() {
    KeptTranscript kept =
        new KeptTranscript(head, omittedLines, omittedBytes, new ArrayList<>(tail));
    int budget = keptBytes;
    while (kept.compressed().length > compressedBytes && budget > 1) {
      budget /= 2;
      kept = cut(kept, budget);
    }
    return kept;
  }

  /** {@code kept} with at most half of {@code budget} of its head and of its tail. */
  static KeptTranscript cut(KeptTranscript kept, int budget) {
    long half = budget / 2;
    long lines = kept.omittedLines();
    long bytes = kept.omittedBytes();
    List<String> head = new ArrayList<>();
    long size = 0;
    int i = 0;
    for (; i < kept.head().size(); i++) {
      long next = size(kept.head().get(i));
      if (size + next > half) {
        break;
      }
      head.add(kept.head().get(i));
      size += next;
    }
    for (; i < kept.head().size(); i++) {
      lines++;
      bytes += size(kept.head().get(i));
    }
    List<String> tail = kept.tail();
    int from = tail.size();
    size = 0;
    while (from > 0 && size + size(tail.get(from - 1)) <= half) {
      from--;
      size += size(tail.get(from));
    }
    for (int j = 0; j < from; j++) {
      lines++;
      bytes += size(tail.get(j));
    }
    return new KeptTranscript(head, lines, bytes, tail.subList(from, tail.size()));
  }

  private void omitTail() {
    omittedLines += tail.size();
    omittedBytes += tailSize;
    tail.clear();
    tailSize = 0;
  }

  /** A line's bytes in the transcript: UTF-8, and its newline. */
  private static long size(String line) {
    long bytes = 1;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
