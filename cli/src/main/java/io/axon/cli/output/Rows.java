package io.axon.cli.output;

import io.axon.api.v1alpha1.TaskResult;
import io.axon.cli.ResourceKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The columns of {@code axon get} for each kind, read from an object's JSON tree rather than the
 * typed model: binding a list to the typed {@code Task} makes Jackson build a deserializer for
 * every type a Task can hold, a cost paid anew by every command (docs/benchmarks.md, "CLI
 * start-up"). Each cell reads as the typed model would: a missing {@code pollInterval} is the
 * model's default, a Task's phase is finished when it is Succeeded or Failed.
 */
public final class Rows {
  private static final String NONE = "-";

  /** The TaskSpawner condition that says whether it can work. */
  private static final String READY = "Ready";

  /** {@code TaskSpawnerSpec}'s default, for a spawner stored without one. */
  private static final String DEFAULT_POLL_INTERVAL = "5m";

  private static final Set<String> FINISHED = Set.of("Succeeded", "Failed");

  private final ResourceKind kind;
  private final boolean wide;
  private final boolean allNamespaces;
  private final Instant now;

  public Rows(ResourceKind kind, boolean wide, boolean allNamespaces, Instant now) {
    this.kind = kind;
    this.wide = wide;
    this.allNamespaces = allNamespaces;
    this.now = now;
  }

  public List<String> header() {
    List<String> header = new ArrayList<>();
    if (allNamespaces) {
      header.add("NAMESPACE");
    }
    switch (kind) {
      case TASK -> {
        header.addAll(List.of("NAME", "TYPE", "PHASE", "DURATION", "COST", "AGE"));
        if (wide) {
          header.addAll(List.of("MODEL", "JOB", "POD", "PR", "DEPENDS-ON", "BRANCH", "MESSAGE"));
        }
      }
      case TASKSPAWNER -> {
        header.addAll(
            List.of(
                "NAME",
                "TYPE",
                "STATUS",
                "INTERVAL",
                "FOUND",
                "ACTIVE",
                "CREATED",
                "LAST-POLL",
                "AGE"));
        if (wide) {
          header.addAll(List.of("WORKSPACE", "MESSAGE"));
        }
      }
      case WORKSPACE -> {
        header.addAll(List.of("NAME", "REPO", "REF", "AGE"));
        if (wide) {
          header.add("SECRET");
        }
      }
    }
    return header;
  }

  /** The row of one object of this kind, given as its JSON. */
  public List<String> row(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    JsonNode spec = object.path("spec");
    JsonNode status = object.path("status");
    List<String> row = new ArrayList<>();
    if (allNamespaces) {
      row.add(text(metadata.path("namespace")));
    }
    row.add(text(metadata.path("name")));
    switch (kind) {
      case TASK -> taskCells(spec, status, row);
      case TASKSPAWNER -> spawnerCells(spec, status, row);
      case WORKSPACE -> workspaceCells(spec, row);
    }
    row.add(age(text(metadata.path("creationTimestamp"))));
    if (wide) {
      switch (kind) {
        case TASK -> wideTaskCells(spec, status, row);
        case TASKSPAWNER -> wideSpawnerCells(spec, status, row);
        case WORKSPACE -> wideWorkspaceCells(spec, row);
      }
    }
    return row;
  }

  private void taskCells(JsonNode spec, JsonNode status, List<String> row) {
    row.add(orNone(spec.path("type")));
    row.add(orNone(status.path("phase")));
    row.add(duration(status));
    row.add(cost(text(status.path("result").path("costUSD"))));
  }

  private void spawnerCells(JsonNode spec, JsonNode status, List<String> row) {
    JsonNode template = spec.path("taskTemplate");
    row.add(absent(template) ? NONE : orNone(template.path("type")));
    row.add(readiness(status));
    JsonNode interval = spec.path("pollInterval");
    row.add(interval.isMissingNode() ? DEFAULT_POLL_INTERVAL : orNone(interval));
    row.add(orNone(status.path("itemsFound")));
    row.add(orNone(status.path("activeTasks")));
    row.add(orNone(status.path("tasksCreated")));
    String lastPoll = text(status.path("lastPollTime"));
    row.add(lastPoll == null ? NONE : age(lastPoll));
  }

  /** Ready, or the reason it is not (a broken spawner must not look idle). */
  private static String readiness(JsonNode status) {
    return ready(status)
        .map(
            c -> {
              if ("True".equals(text(c.path("status")))) {
                return "Ready";
              }
              String reason = text(c.path("reason"));
              return orNone(reason != null ? reason : "NotReady");
            })
        .orElse(NONE);
  }

  private static Optional<JsonNode> ready(JsonNode status) {
    for (JsonNode condition : status.path("conditions")) {
      if (READY.equals(text(condition.path("type")))) {
        return Optional.of(condition);
      }
    }
    return Optional.empty();
  }

  private void workspaceCells(JsonNode spec, List<String> row) {
    row.add(orNone(spec.path("repo")));
    row.add(orNone(spec.path("ref")));
  }

  private static void wideTaskCells(JsonNode spec, JsonNode status, List<String> row) {
    String model = text(spec.path("model"));
    row.add(orNone(model != null ? model : text(status.path("result").path("model"))));
    row.add(orNone(status.path("jobName")));
    row.add(orNone(status.path("podName")));
    row.add(orNone(status.path("result").path("pullRequestURL")));
    List<String> dependsOn = new ArrayList<>();
    spec.path("dependsOn").forEach(name -> dependsOn.add(text(name)));
    row.add(dependsOn.isEmpty() ? NONE : String.join(",", dependsOn));
    row.add(orNone(spec.path("branch")));
    row.add(orNone(oneLine(text(status.path("message")))));
  }

  private static void wideSpawnerCells(JsonNode spec, JsonNode status, List<String> row) {
    row.add(workspaceName(spec.path("when")).orElse(NONE));
    row.add(orNone(oneLine(ready(status).map(c -> text(c.path("message"))).orElse(null))));
  }

  /**
   * The Workspace the source names in its {@code workspaceRef}, as {@code When.workspaceName()}
   * reads it: only when {@code when} names exactly one source.
   */
  private static Optional<String> workspaceName(JsonNode when) {
    JsonNode only = null;
    int sources = 0;
    for (Map.Entry<String, JsonNode> source : when.properties()) {
      if (!source.getValue().isNull()) {
        only = source.getValue();
        sources++;
      }
    }
    return sources == 1
        ? Optional.ofNullable(text(only.path("workspaceRef").path("name")))
        : Optional.empty();
  }

  private static void wideWorkspaceCells(JsonNode spec, List<String> row) {
    // As LocalObjectReference's toString: the name, even a blank one.
    String secret = text(spec.path("secretRef").path("name"));
    row.add(secret == null ? NONE : secret);
  }

  private String duration(JsonNode status) {
    Instant start = instant(text(status.path("startTime")));
    if (start == null) {
      return NONE;
    }
    Instant end = instant(text(status.path("completionTime")));
    if (end == null) {
      end = FINISHED.contains(text(status.path("phase"))) ? start : now;
    }
    return HumanDuration.format(Duration.between(start, end));
  }

  /** {@code $0.12}; the exact figure is in {@code -o yaml}. */
  static String cost(TaskResult result) {
    return cost(result == null ? null : result.getCostUSD());
  }

  private static String cost(String costUSD) {
    if (costUSD == null) {
      return NONE;
    }
    try {
      return "$" + new BigDecimal(costUSD).setScale(2, RoundingMode.HALF_UP);
    } catch (NumberFormatException e) {
      return costUSD;
    }
  }

  private String age(String timestamp) {
    Instant then = instant(timestamp);
    return then == null ? NONE : HumanDuration.format(Duration.between(then, now));
  }

  private static Instant instant(String timestamp) {
    if (timestamp == null || timestamp.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A missing or null field. */
  private static boolean absent(JsonNode node) {
    return node.isMissingNode() || node.isNull();
  }

  /** A field's value as the typed model's {@code toString} gives it; null when absent. */
  private static String text(JsonNode node) {
    if (absent(node)) {
      return null;
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }

  private static String orNone(JsonNode node) {
    return orNone(text(node));
  }

  private static String orNone(String value) {
    return value == null || value.isBlank() ? NONE : value;
  }

  private static String oneLine(String text) {
    return text == null ? null : text.replaceAll("\\s+", " ").strip();
  }
}
