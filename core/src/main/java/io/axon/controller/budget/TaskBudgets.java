package io.axon.controller.budget;

import io.axon.api.v1alpha1.SpendRecord;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskBudget;
import io.axon.api.v1alpha1.TaskBudgetStatus;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.api.v1alpha1.TaskStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TaskBudgets of a Task's namespace, read from the informer cache (a Task asks before its Job
 * is created and when it finishes): admission, and the record of what a finished Task spent, which
 * is written with a live read on conflict and counts at once, before the cache shows it ({@link
 * RecentRecords}). Blocking: call from a worker thread.
 */
public final class TaskBudgets {
  private static final Logger LOG = LoggerFactory.getLogger(TaskBudgets.class);
  private static final int CONFLICT_ATTEMPTS = 5;

  /** The Accepted condition's reason while a Task waits for its budget. */
  public static final String REASON_OVER_BUDGET = "OverBudget";

  /**
   * How soon a waiting Task is looked at again, at the latest. A TaskBudget's change wakes its held
   * Tasks sooner (the informer's event); this is the safety net.
   */
  public static final Duration RECHECK = Duration.ofMinutes(1);

  private final KubernetesClient client;
  private final Function<String, List<TaskBudget>> budgetsIn;
  private final Clock clock;
  private final RecentRecords recent = new RecentRecords();

  /**
   * @param budgetsIn the cached TaskBudgets of a namespace (none when their CRD is not installed);
   *     never modified
   */
  public TaskBudgets(
      KubernetesClient client, Function<String, List<TaskBudget>> budgetsIn, Clock clock) {
    this.client = client;
    this.budgetsIn = budgetsIn;
    this.clock = clock;
  }

  /** A hold: why the Task waits, and when to look again. */
  public record Hold(String message, Duration recheckAfter) {}

  /** Why this Task must wait before it starts, or empty. */
  public Optional<Hold> hold(Task task) {
    Instant now = clock.instant();
    for (TaskBudget budget : covering(task)) {
      Optional<String> why = BudgetLedger.overBudget(budget, now);
      if (why.isPresent()) {
        Duration after =
            BudgetLedger.nextExpiry(budget, now)
                .filter(d -> d.compareTo(RECHECK) < 0)
                .orElse(RECHECK);
        return Optional.of(new Hold(why.get(), after.isNegative() ? Duration.ZERO : after));
      }
    }
    return Optional.empty();
  }

  /**
   * Records what an attempt of a Task spent (its status, {@code status.result}) in every budget
   * that covers it, once per attempt however often it is called. The controller calls it before it
   * writes the status that ends the attempt, so neither a restart in between nor the Task's
   * deletion afterwards loses the spending.
   *
   * @throws KubernetesClientException when a budget cannot be written: the caller retries later
   */
  public void record(Task task, TaskStatus ended) {
    TaskResult result = ended.getResult();
    if (result == null) {
      return;
    }
    Double cost = null;
    try {
      cost = result.getCostUSD() == null ? null : Double.valueOf(result.getCostUSD());
    } catch (NumberFormatException e) {
      // an unreadable cost counts as none
    }
    long tokens =
        (result.getInputTokens() == null ? 0 : result.getInputTokens())
            + (result.getOutputTokens() == null ? 0 : result.getOutputTokens());
    if ((cost == null || cost == 0) && tokens == 0) {
      return; // nothing spent: no record to keep
    }
    SpendRecord record =
        new SpendRecord(
            task.getMetadata().getName(),
            task.getMetadata().getUid(),
            clock.instant().toString(),
            cost,
            tokens);
    Integer attempt = ended.getAttempt();
    record.setAttempt(attempt == null || attempt == 1 ? null : attempt);
    for (TaskBudget budget : covering(task)) {
      write(budget, record);
    }
  }

  private void write(TaskBudget budget, SpendRecord record) {
    TaskBudget current = Serialization.clone(budget); // the cache's copy stays as the server's
    for (int attempt = 1; ; attempt++) {
      Optional<TaskBudgetStatus> status = BudgetLedger.withRecord(current, record, clock.instant());
      if (status.isEmpty()) {
        return;
      }
      current.setStatus(status.get());
      try {
        recent.add(client.resource(current).updateStatus(), record, clock.instant());
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= CONFLICT_ATTEMPTS) {
          LOG.warn(
              "could not record task {} in TaskBudget {} yet: {}",
              record.getTask(),
              budget.getMetadata().getName(),
              e.getMessage());
          throw e;
        }
        current =
            client
                .resources(TaskBudget.class)
                .inNamespace(budget.getMetadata().getNamespace())
                .withName(budget.getMetadata().getName())
                .get();
        if (current == null) {
          return;
        }
      }
    }
  }

  /**
   * The TaskBudgets of a namespace read from the API server, for a controller that started before
   * their CRD was installed; none while it is not.
   */
  public static Function<String, List<TaskBudget>> live(KubernetesClient client) {
    return namespace -> {
      try {
        return client.resources(TaskBudget.class).inNamespace(namespace).list().getItems();
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          return List.of();
        }
        throw e;
      }
    };
  }

  private List<TaskBudget> covering(Task task) {
    Instant now = clock.instant();
    return budgetsIn.apply(task.getMetadata().getNamespace()).stream()
        .filter(b -> BudgetLedger.covers(b, task.getMetadata().getLabels()))
        .map(b -> recent.withRecent(b, now))
        .toList();
  }
}
