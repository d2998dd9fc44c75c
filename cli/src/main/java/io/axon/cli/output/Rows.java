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
import io.axon.cli.ResourceKind;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The columns of {@code axon get} for each kind. */
public final class Rows {
  private static final String NONE = "-";

  /** The TaskSpawner condition that says whether it can work. */
  private static final String READY = "Ready";

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

  public List<String> row(HasMetadata resource) {
    List<String> row = new ArrayList<>();
    if (allNamespaces) {
      row.add(resource.getMetadata().getNamespace());
    }
    row.add(resource.getMetadata().getName());
    if (resource instanceof Task task) {
      taskCells(task, row);
    } else if (resource instanceof TaskSpawner spawner) {
      spawnerCells(spawner, row);
    } else if (resource instanceof Workspace workspace) {
      workspaceCells(workspace, row);
    }
    row.add(age(resource.getMetadata().getCreationTimestamp()));
    if (wide) {
      wideCells(resource, row);
    }
    return row;
  }

  private void taskCells(Task task, List<String> row) {
    TaskSpec spec = Optional.ofNullable(task.getSpec()).orElseGet(TaskSpec::new);
    TaskStatus status = Optional.ofNullable(task.getStatus()).orElseGet(TaskStatus::new);
    row.add(orNone(spec.getType()));
    row.add(status.getPhase() == null ? NONE : status.getPhase().name());
    row.add(duration(status));
    row.add(cost(status.getResult()));
  }

  private void spawnerCells(TaskSpawner spawner, List<String> row) {
    TaskSpawnerSpec spec = Optional.ofNullable(spawner.getSpec()).orElseGet(TaskSpawnerSpec::new);
    TaskSpawnerStatus status =
        Optional.ofNullable(spawner.getStatus()).orElseGet(TaskSpawnerStatus::new);
    row.add(spec.getTaskTemplate() == null ? NONE : orNone(spec.getTaskTemplate().getType()));
    row.add(readiness(status));
    row.add(orNone(spec.getPollInterval()));
    row.add(orNone(status.getItemsFound()));
    row.add(orNone(status.getActiveTasks()));
    row.add(orNone(status.getTasksCreated()));
    row.add(status.getLastPollTime() == null ? NONE : age(status.getLastPollTime()));
  }

  /** Ready, or the reason it is not (a broken spawner must not look idle). */
  private static String readiness(TaskSpawnerStatus status) {
    return ready(status)
        .map(
            c ->
                "True".equals(c.getStatus())
                    ? "Ready"
                    : orNone(c.getReason() != null ? c.getReason() : "NotReady"))
        .orElse(NONE);
  }

  private static Optional<Condition> ready(TaskSpawnerStatus status) {
    return status.getConditions() == null
        ? Optional.empty()
        : status.getConditions().stream().filter(c -> READY.equals(c.getType())).findFirst();
  }

  private void workspaceCells(Workspace workspace, List<String> row) {
    WorkspaceSpec spec = Optional.ofNullable(workspace.getSpec()).orElseGet(WorkspaceSpec::new);
    row.add(orNone(spec.getRepo()));
    row.add(orNone(spec.getRef()));
  }

  private void wideCells(HasMetadata resource, List<String> row) {
    if (resource instanceof Task task) {
      TaskSpec spec = Optional.ofNullable(task.getSpec()).orElseGet(TaskSpec::new);
      TaskStatus status = Optional.ofNullable(task.getStatus()).orElseGet(TaskStatus::new);
      String model =
          spec.getModel() != null
              ? spec.getModel()
              : status.getResult() != null ? status.getResult().getModel() : null;
      row.add(orNone(model));
      row.add(orNone(status.getJobName()));
      row.add(orNone(status.getPodName()));
      row.add(orNone(status.getResult() == null ? null : status.getResult().getPullRequestURL()));
      row.add(spec.getDependsOn().isEmpty() ? NONE : String.join(",", spec.getDependsOn()));
      row.add(orNone(spec.getBranch()));
      row.add(orNone(oneLine(status.getMessage())));
    } else if (resource instanceof TaskSpawner spawner) {
      row.add(
          Optional.ofNullable(spawner.getSpec())
              .map(TaskSpawnerSpec::getWhen)
              .flatMap(w -> w.workspaceName())
              .orElse(NONE));
      row.add(
          orNone(
              oneLine(
                  ready(Optional.ofNullable(spawner.getStatus()).orElseGet(TaskSpawnerStatus::new))
                      .map(Condition::getMessage)
                      .orElse(null))));
    } else if (resource instanceof Workspace workspace) {
      row.add(
          Optional.ofNullable(workspace.getSpec())
              .map(WorkspaceSpec::getSecretRef)
              .map(Object::toString)
              .orElse(NONE));
    }
  }

  private String duration(TaskStatus status) {
    Instant start = instant(status.getStartTime());
    if (start == null) {
      return NONE;
    }
    Instant end = instant(status.getCompletionTime());
    if (end == null) {
      end = status.getPhase() != null && status.getPhase().isFinished() ? start : now;
    }
    return HumanDuration.format(Duration.between(start, end));
  }

  /** {@code $0.12}; the exact figure is in {@code -o yaml}. */
  static String cost(TaskResult result) {
    if (result == null || result.getCostUSD() == null) {
      return NONE;
    }
    try {
      return "$" + new BigDecimal(result.getCostUSD()).setScale(2, RoundingMode.HALF_UP);
    } catch (NumberFormatException e) {
      return result.getCostUSD();
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

  private static String orNone(Object value) {
    return value == null || value.toString().isBlank() ? NONE : value.toString();
  }

  private static String oneLine(String text) {
    return text == null ? null : text.replaceAll("\\s+", " ").strip();
  }
}
