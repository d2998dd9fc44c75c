package io.axon.spi.source;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One unit of work found by a source, such as one GitHub issue. Its text is written by strangers:
 * Axon inserts it into prompts literally and never evaluates it.
 *
 * @param id a stable identifier, unique within the source, usable in a DNS label after lower-casing
 *     (for GitHub issues, the issue number)
 * @param number the item's number, when it has one, else 0
 * @param title the title
 * @param body the body text, possibly empty
 * @param url a link for people
 * @param labels the item's labels
 * @param extra further fields a source offers to prompt templates, by name
 */
public record WorkItem(
    String id,
    long number,
    String title,
    String body,
    String url,
    List<String> labels,
    Map<String, String> extra) {

  /**
   * The key of {@link #extra()} that names the branch the item's work belongs on, such as a pull
   * request's head branch: its Task gets it as {@code spec.branch}.
   */
  public static final String BRANCH = "Branch";

  public WorkItem {
    Objects.requireNonNull(id, "id");
    title = Objects.requireNonNullElse(title, "");
    body = Objects.requireNonNullElse(body, "");
    url = Objects.requireNonNullElse(url, "");
    labels = List.copyOf(labels);
    extra = Map.copyOf(extra);
  }
}
