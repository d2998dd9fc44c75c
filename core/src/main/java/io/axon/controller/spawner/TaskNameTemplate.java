package io.axon.controller.spawner;

import io.axon.spi.source.WorkItem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TaskSpawner's {@code nameTemplate}: Task names from fields that never change for an item
 * ({@code {{.Spawner}}}, {@code {{.ID}}}, {@code {{.Number}}}), so that the same item always maps
 * to the same name and the name keeps de-duplicating after a controller restart. The rendered name
 * is lower-cased, anything but {@code [a-z0-9-]} becomes {@code -}, and a name longer than 63
 * characters is cut and ends in {@code -<8 hex of SHA-256 of the whole name>}, so that two long
 * names with the same beginning still differ. Values are inserted literally, in one pass.
 */
public final class TaskNameTemplate {
  static final Set<String> FIELDS = Set.of("Spawner", "ID", "Number");
  private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final Pattern FIELD = Pattern.compile("\\s*\\.([A-Za-z]+)\\s*");
  private static final int MAX = SpawnedTaskNames.MAX_NAME;
  private static final int HASH = 8;

  private final List<String> parts; // literal text and "{{Field}}" markers, alternating

  private TaskNameTemplate(List<String> parts) {
    this.parts = parts;
  }

  /** Null or blank: the default names of {@link SpawnedTaskNames#forItem}. */
  public static TaskNameTemplate parse(String template) {
    if (template == null || template.isBlank()) {
      return null;
    }
    if (template.indexOf("{{") < 0) {
      throw new IllegalArgumentException(
          "nameTemplate '%s' names no field: every item would get the same Task name; use"
                  .formatted(template)
              + " {{.ID}} or {{.Number}}, for example '{{.Spawner}}-{{.ID}}'");
    }
    List<String> parts = new ArrayList<>();
    Matcher action = ACTION.matcher(template);
    int at = 0;
    boolean perItem = false;
    while (action.find()) {
      parts.add(template.substring(at, action.start()));
      Matcher field = FIELD.matcher(action.group(1));
      if (!field.matches() || !FIELDS.contains(field.group(1))) {
        throw new IllegalArgumentException(
            ("nameTemplate: %s is not supported: use {{.Spawner}}, {{.ID}} and {{.Number}}, which"
                    + " never change for an item (a name from a title would make a second Task"
                    + " after an edit)")
                .formatted(action.group()));
      }
      perItem |= !field.group(1).equals("Spawner");
      parts.add(field.group(1));
      at = action.end();
    }
    String rest = template.substring(at);
    if (rest.contains("{{") || rest.contains("}}")) {
      throw new IllegalArgumentException("nameTemplate: unclosed or stray braces in " + rest);
    }
    parts.add(rest);
    if (!perItem) {
      throw new IllegalArgumentException(
          "nameTemplate names neither {{.ID}} nor {{.Number}}: every item would get the same"
              + " Task name");
    }
    return new TaskNameTemplate(List.copyOf(parts));
  }

  /** The Task name for this item of this spawner: a DNS label of at most 63 characters. */
  public String render(String spawnerName, WorkItem item) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      if (i % 2 == 0) {
        out.append(part);
      } else {
        out.append(
            switch (part) {
              case "Spawner" -> spawnerName;
              case "ID" -> item.id();
              default -> String.valueOf(item.number());
            });
      }
    }
    return label(out.toString());
  }

  /** Lower-cased, {@code [a-z0-9-]} only, no leading or trailing dash, hashed when too long. */
  static String label(String raw) {
    String clean =
        raw.toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("-{2,}", "-")
            .replaceAll("^-+|-+$", "");
    if (clean.isEmpty()) {
      return "task-" + hash(raw);
    }
    if (clean.length() <= MAX) {
      return clean;
    }
    String prefix = clean.substring(0, MAX - HASH - 1).replaceAll("-+$", "");
    return prefix + "-" + hash(raw);
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
