package io.axon.controller.spawner;

import static io.axon.controller.spawner.SpawnerConditions.*;
import static io.axon.controller.status.Conditions.FALSE;
import static io.axon.controller.status.Conditions.TRUE;

import io.axon.api.v1alpha1.TaskSpawnerStatus;
import io.axon.controller.status.Conditions;
import io.axon.controller.status.Timestamps;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSourceException;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The TaskSpawner statuses that follow from what a poll round found; pure functions. */
final class SpawnerStatuses {
  private SpawnerStatuses() {}

  /** The spawner cannot poll as it stands. */
  static TaskSpawnerStatus blocked(
      TaskSpawnerStatus status, SpawnerConfigException problem, Long generation, Instant now) {
    status.setConditions(
        Conditions.set(
            status.getConditions(),
            READY,
            FALSE,
            problem.reason(),
            problem.getMessage(),
            generation,
            now));
    return status;
  }

  /** The source answered; {@code outcome} is what creating the missing Tasks did. */
  static TaskSpawnerStatus polled(
      TaskSpawnerStatus status,
      SpawnerPlan plan,
      List<WorkItem> items,
      SpawnedTaskCreator.Outcome outcome,
      Long generation,
      Instant now) {
    status.setLastPollTime(Timestamps.format(now));
    status.setItemsFound(items.size());
    ExpiredItems.retain(status, items, plan.template()::render);
    outcome.skipped().forEach(entry -> ExpiredItems.add(status, entry));
    long before = status.getTasksCreated() == null ? outcome.existing() : status.getTasksCreated();
    status.setTasksCreated(before + outcome.created().size());
    status.setActiveTasks(outcome.active());
    var conditions =
        outcome
            .problem()
            .map(
                problem ->
                    Conditions.set(
                        status.getConditions(),
                        READY,
                        FALSE,
                        REASON_TASK_CREATE_FAILED,
                        problem,
                        generation,
                        now))
            .orElseGet(
                () ->
                    outcome.totalReached()
                        ? Conditions.set(
                            status.getConditions(),
                            READY,
                            TRUE,
                            REASON_MAX_TOTAL_REACHED,
                            "spec.maxTotalTasks Tasks were created: no more are, unless it is"
                                + " raised",
                            generation,
                            now)
                        : ready(status, plan, generation, now));
    status.setConditions(
        Conditions.set(
            conditions,
            SOURCE_HEALTHY,
            TRUE,
            REASON_POLLED,
            "The source answered the last poll",
            generation,
            now));
    return status;
  }

  /** The source did not answer; its message says why. */
  static TaskSpawnerStatus sourceFailed(
      TaskSpawnerStatus status,
      SpawnerPlan plan,
      WorkSourceException failure,
      Long generation,
      Instant now) {
    status.setLastPollTime(Timestamps.format(now));
    status.setConditions(
        Conditions.set(
            ready(status, plan, generation, now),
            SOURCE_HEALTHY,
            FALSE,
            reasonFor(failure.reason()),
            failure.getMessage(),
            generation,
            now));
    return status;
  }

  private static List<Condition> ready(
      TaskSpawnerStatus status, SpawnerPlan plan, Long generation, Instant now) {
    return Conditions.set(
        status.getConditions(),
        READY,
        TRUE,
        REASON_POLLING,
        plan.workspaceName() == null
            ? "Polling %s every %s".formatted(plan.kind(), human(plan.pollInterval()))
            : "Polling %s of Workspace \"%s\" every %s"
                .formatted(plan.kind(), plan.workspaceName(), human(plan.pollInterval())),
        generation,
        now);
  }

  private static String human(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
