package io.axon.controller.spawner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one name a work item's Task can have, so that a restarted controller (or a second replica)
 * finds the Task again instead of creating another: {@code <spawner>-<item id>}, such as {@code
 * fix-bugs-42}.
 *
 * <p>Task names are at most 63 characters (they name the Task's Job and label its Pod). When the
 * plain name is longer, the spawner's name is cut short and followed by a hash of all of it, so two
 * long spawner names that share a prefix still get different Task names: {@code
 * <prefix>-<hash8>-<item id>}. Item ids are lower-cased; one that is not a DNS label then (or is
 * very long) is replaced by a readable, hashed form.
 */
public final class SpawnedTaskNames {
  static final int MAX_NAME = 63;
  private static final int MAX_ID_PART = 40;
  private static final int HASH_LENGTH = 8;
  private static final Pattern DNS_LABEL_PART = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

  private SpawnedTaskNames() {}

  /** The Task name for an item of a spawner. */
  public static String forItem(String spawnerName, String itemId) {
    String id = idPart(itemId);
    String plain = spawnerName + "-" + id;
    if (plain.length() <= MAX_NAME) {
      return plain;
    }
    int room = MAX_NAME - id.length() - HASH_LENGTH - 2;
    String prefix = trimEnd(spawnerName.substring(0, Math.min(room, spawnerName.length())));
    return (prefix.isEmpty() ? "" : prefix + "-") + hash(spawnerName) + "-" + id;
  }

  /** The value of the {@code axon.io/item} label for an item id: the id itself when it can be. */
  public static String labelValue(String itemId) {
    if (itemId.length() <= MAX_NAME && LABEL_VALUE.matcher(itemId).matches()) {
      return itemId;
    }
    return idPart(itemId);
  }

  private static String idPart(String itemId) {
    String lower = itemId.toLowerCase(Locale.ROOT);
    if (lower.length() <= MAX_ID_PART && DNS_LABEL_PART.matcher(lower).matches()) {
      return lower;
    }
    String readable = lower.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+", "");
    readable = trimEnd(readable.substring(0, Math.min(readable.length(), MAX_ID_PART - 9)));
    return (readable.isEmpty() ? "" : readable + "-") + hash(itemId);
  }

  private static String trimEnd(String name) {
    int end = name.length();
    while (end > 0 && !Character.isLetterOrDigit(name.charAt(end - 1))) {
      end--;
    }
    return name.substring(0, end);
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
