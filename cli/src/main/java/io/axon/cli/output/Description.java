package io.axon.cli.output;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskSpawnerSpec;
import io.axon.api.v1alpha1.TaskSpawnerStatus;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@code axon describe}'s text, kubectl-style: one field a line, then conditions and Events. */
public final class Description {
  /** How many of the latest Events are shown. */
  private static final int EVENTS = 20;

  private static final String NONE = "<none>";

  private final Instant now;
  private final StringWriter text = new StringWriter();
  private final PrintWriter out = new PrintWriter(text);

  public Description(Instant now) {
    this.now = now;
  }

  /** The description of an object, its pod (Tasks, or null) and its Events. */
  public String of(HasMetadata object, Pod pod, List<Event> events) {
    metadata(object.getMetadata());
    if (object instanceof Task task) {
      task(task, pod);
    } else if (object instanceof TaskSpawner spawner) {
      spawner(spawner);
    } else if (object instanceof Workspace workspace) {
      workspace(workspace);
    }
    events(events);
    out.flush();
    return text.toString();
  }

  private void metadata(ObjectMeta meta) {
    field("Name", meta.getName());
    field("Namespace", meta.getNamespace());
    field("Labels", labels(meta.getLabels()));
    field("Created", when(meta.getCreationTimestamp()));
  }

  private void task(Task task, Pod pod) {
    TaskSpec spec = Optional.ofNullable(task.getSpec()).orElseGet(TaskSpec::new);
    TaskStatus status = Optional.ofNullable(task.getStatus()).orElseGet(TaskStatus::new);
    field("Type", spec.getType());
    field("Model", spec.getModel());
    field("Prompt", firstLine(spec.getPrompt()));
    if (LimitsText.of(spec.getLimits()) != null) {
      field("Limits", LimitsText.of(spec.getLimits()));
    }
    if (spec.getCredentials() != null) {
      field(
          "Credentials",
          "%s from Secret %s"
              .formatted(
                  spec.getCredentials().getType(),
                  spec.getCredentials().getSecretRef() == null
                      ? NONE
                      : spec.getCredentials().getSecretRef().getName()));
    }
    field("Workspace", spec.getWorkspaceRef() == null ? null : spec.getWorkspaceRef().getName());
    if (!spec.getDependsOn().isEmpty()) {
      field("Depends on", String.join(", ", spec.getDependsOn()));
    }
    if (spec.getBranch() != null) {
      field("Branch", spec.getBranch());
    }
    field("Phase", status.getPhase() == null ? "Pending" : status.getPhase().name());
    field("Message", status.getMessage());
    field("Started", when(status.getStartTime()));
    field("Completed", when(status.getCompletionTime()));
    field("Job", status.getJobName());
    field(
        "Pod",
        status.getPodName() == null
            ? null
            : status.getPodName()
                + (pod == null
                    ? " (gone)"
                    : pod.getStatus() == null ? "" : " (" + pod.getStatus().getPhase() + ")"));
    result(status.getResult());
    conditions(status.getConditions());
  }

  private void result(TaskResult result) {
    if (result == null) {
      return;
    }
    out.println("Result:");
    sub("Outcome", result.getOutcome());
    sub("Reason", result.getReason());
    sub("Limit", result.getLimit());
    sub("Turns", result.getTurns());
    sub("Cost", result.getCostUSD() == null ? null : Rows.cost(result));
    sub("Model", result.getModel());
    sub("Branch", result.getBranch());
    sub("Commit", result.getCommit());
    sub("Pull request", result.getPullRequestURL());
    sub("Summary", result.getSummary() == null ? null : firstLine(result.getSummary()));
  }

  private void spawner(TaskSpawner spawner) {
    TaskSpawnerSpec spec = Optional.ofNullable(spawner.getSpec()).orElseGet(TaskSpawnerSpec::new);
    TaskSpawnerStatus status =
        Optional.ofNullable(spawner.getStatus()).orElseGet(TaskSpawnerStatus::new);
    field("Source", spec.getWhen() == null ? null : spec.getWhen().kind().orElse(null));
    field("Workspace", spec.getWhen() == null ? null : spec.getWhen().workspaceName().orElse(null));
    field("Agent type", spec.getTaskTemplate() == null ? null : spec.getTaskTemplate().getType());
    field("Poll interval", spec.getPollInterval());
    field("Last poll", when(status.getLastPollTime()));
    field("Items found", status.getItemsFound());
    field("Active tasks", status.getActiveTasks());
    field("Tasks created", status.getTasksCreated());
    conditions(status.getConditions());
  }

  private void workspace(Workspace workspace) {
    WorkspaceSpec spec = Optional.ofNullable(workspace.getSpec()).orElseGet(WorkspaceSpec::new);
    field("Repo", spec.getRepo());
    field("Ref", spec.getRef());
    field("Secret", spec.getSecretRef() == null ? null : spec.getSecretRef().getName());
  }

  private void conditions(List<Condition> conditions) {
    out.println("Conditions:");
    if (conditions == null || conditions.isEmpty()) {
      out.println("  " + NONE);
      return;
    }
    Table table = new Table(List.of("TYPE", "STATUS", "REASON", "MESSAGE"));
    for (Condition c : conditions) {
      table.add(
          List.of(
              orNone(c.getType()),
              orNone(c.getStatus()),
              orNone(c.getReason()),
              orNone(oneLine(c.getMessage()))));
    }
    indent(table);
  }

  private void events(List<Event> events) {
    out.println("Events:");
    if (events.isEmpty()) {
      out.println("  " + NONE);
      return;
    }
    Table table = new Table(List.of("LAST SEEN", "TYPE", "REASON", "FROM", "MESSAGE"));
    List<Event> latest =
        events.stream()
            .sorted(
                Comparator.comparing(
                    Description::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder())))
            .toList();
    for (Event event : latest.subList(Math.max(0, latest.size() - EVENTS), latest.size())) {
      Instant seen = lastSeen(event);
      table.add(
          List.of(
              seen == null ? "-" : HumanDuration.format(Duration.between(seen, now)),
              orNone(event.getType()),
              orNone(event.getReason()),
              orNone(
                  event.getSource() != null && event.getSource().getComponent() != null
                      ? event.getSource().getComponent()
                      : event.getReportingComponent()),
              orNone(oneLine(event.getMessage()))));
    }
    indent(table);
  }

  private static Instant lastSeen(Event event) {
    for (String time :
        new String[] {
          event.getLastTimestamp(),
          event.getEventTime() == null ? null : event.getEventTime().getTime(),
          event.getFirstTimestamp(),
          event.getMetadata() == null ? null : event.getMetadata().getCreationTimestamp()
        }) {
      Instant instant = instant(time);
      if (instant != null) {
        return instant;
      }
    }
    return null;
  }

  private void indent(Table table) {
    StringWriter rendered = new StringWriter();
    PrintWriter writer = new PrintWriter(rendered);
    table.print(writer);
    writer.flush();
    rendered.toString().lines().forEach(line -> out.println("  " + line));
  }

  private void field(String label, Object value) {
    out.println(
        "%-14s%s"
            .formatted(label + ":", value == null || value.toString().isBlank() ? NONE : value));
  }

  private void sub(String label, Object value) {
    if (value != null && !value.toString().isBlank()) {
      out.println("  %-14s%s".formatted(label + ":", value));
    }
  }

  private String when(String timestamp) {
    Instant then = instant(timestamp);
    return then == null
        ? timestamp
        : "%s (%s ago)".formatted(timestamp, HumanDuration.format(Duration.between(then, now)));
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

  private static String labels(Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return NONE;
    }
    return String.join(
        ",",
        labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
  }

  private static String firstLine(String text) {
    if (text == null) {
      return null;
    }
    List<String> lines = text.lines().toList();
    String first = lines.isEmpty() ? "" : lines.get(0);
    return lines.size() > 1 ? first + " (+%d more lines)".formatted(lines.size() - 1) : first;
  }

  private static String orNone(Object value) {
    return value == null || value.toString().isBlank() ? "-" : value.toString();
  }

  private static String oneLine(String text) {
    return text == null ? null : Objects.requireNonNull(text).replaceAll("\\s+", " ").strip();
  }
}
