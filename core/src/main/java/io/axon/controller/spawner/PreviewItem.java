package io.axon.controller.spawner;

import java.util.List;

/**
 * One item a TaskSpawner's source offers now, and the Task it would become.
 *
 * @param id the item's id within its source (for GitHub Issues, the issue number)
 * @param title the item's title
 * @param url the item's link for people
 * @param labels the item's labels
 * @param taskName the name its Task gets
 * @param prompt the Task's {@code spec.prompt}, rendered from the spawner's promptTemplate
 */
public record PreviewItem(
    String id, String title, String url, List<String> labels, String taskName, String prompt) {}
