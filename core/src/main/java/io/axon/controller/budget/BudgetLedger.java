package io.axon.controller.budget;

import io.axon.api.v1alpha1.SpendRecord;
import io.axon.api.v1alpha1.TaskBudget;
import io.axon.api.v1alpha1.TaskBudgetStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A TaskBudget's accounting, pure: which Tasks it covers, what they spent in the last 24 hours, and
 * whether a new Task must wait. Records are kept 24 hours and at most {@link #MAX_RECORDS}, so the
 * status stays small however many Tasks run.
 */
public final class BudgetLedger {
  public static final Duration WINDOW = Duration.ofHours(24);
  public static final int MAX_RECORDS = 2048;

  private BudgetLedger() {}

  /** Whether the budget covers a Task with these labels (all of the selector's labels match). */
  public static boolean covers(TaskBudget budget, Map<String, String> labels) {
    Map<String, String> selector =
        budget.getSpec() == null || budget.getSpec().getSelector() == null
            ? Map.of()
            : budget.getSpec().getSelector();
    Map<String, String> have = labels == null ? Map.of() : labels;
    return selector.entrySet().stream()
        .allMatch(e -> e.getValue() != null && e.getValue().equals(have.get(e.getKey())));
  }

  /** The records still in the window, oldest first. */
  public static List<SpendRecord> current(TaskBudget budget, Instant now) {
    TaskBudgetStatus status = budget.getStatus();
    if (status == null || status.getRecords() == null) {
      return List.of();
    }
    Instant since = now.minus(WINDOW);
    List<SpendRecord> kept = new ArrayList<>();
    for (SpendRecord record : status.getRecords()) {
      finishedAt(record).filter(at -> at.isAfter(since)).ifPresent(at -> kept.add(record));
    }
    kept.sort(Comparator.comparing(r -> finishedAt(r).orElse(Instant.EPOCH)));
    return kept;
  }

  /**
   * The status with this record added (once per Task attempt: by uid and attempt), expired and
   * surplus records dropped, and the totals recomputed; empty when the record is there already.
   */
  public static Optional<TaskBudgetStatus> withRecord(
      TaskBudget budget, SpendRecord record, Instant now) {
    List<SpendRecord> records = new ArrayList<>(current(budget, now));
    if (records.stream().anyMatch(r -> sameAttempt(r, record))) {
      return Optional.empty();
    }
    records.add(record);
    while (records.size() > MAX_RECORDS) {
      records.remove(0);
    }
    TaskBudgetStatus status = new TaskBudgetStatus();
    status.setRecords(records);
    status.setSpentCostUSD(dollars(cost(records)));
    status.setSpentTokens(tokens(records));
    return Optional.of(status);
  }

  /**
   * Why a new Task this budget covers must wait, or empty when it may run: the spending of the last
   * 24 hours has reached a cap.
   */
  public static Optional<String> overBudget(TaskBudget budget, Instant now) {
    List<SpendRecord> records = current(budget, now);
    String name = budget.getMetadata().getName();
    Double capCost = budget.getSpec() == null ? null : budget.getSpec().getDailyCostUSD();
    Long capTokens = budget.getSpec() == null ? null : budget.getSpec().getDailyTokens();
    double cost = cost(records);
    long tokens = tokens(records);
    String when =
        records.isEmpty()
            ? ""
            : " It waits until "
                + finishedAt(records.get(0)).orElse(now).plus(WINDOW)
                + " at the latest, when the oldest spending leaves the 24-hour window;"
                + " raise the cap to start it sooner.";
    if (capCost != null && cost >= capCost) {
      return Optional.of(
          "TaskBudget \"%s\": $%s of its $%s a day spent in the last 24 hours.%s"
              .formatted(name, dollars(cost), dollars(capCost), when));
    }
    if (capTokens != null && tokens >= capTokens) {
      return Optional.of(
          "TaskBudget \"%s\": %d of its %d tokens a day used in the last 24 hours.%s"
              .formatted(name, tokens, capTokens, when));
    }
    return Optional.empty();
  }

  /** When the oldest record leaves the window (so a waiting Task is looked at again). */
  public static Optional<Duration> nextExpiry(TaskBudget budget, Instant now) {
    return current(budget, now).stream()
        .findFirst()
        .flatMap(BudgetLedger::finishedAt)
        .map(at -> Duration.between(now, at.plus(WINDOW)));
  }

  private static boolean sameAttempt(SpendRecord a, SpendRecord b) {
    return a.getUid() != null && a.getUid().equals(b.getUid()) && attempt(a) == attempt(b);
  }

  private static int attempt(SpendRecord record) {
    return record.getAttempt() == null ? 1 : record.getAttempt();
  }

  private static double cost(List<SpendRecord> records) {
    return records.stream().mapToDouble(r -> r.getCostUSD() == null ? 0 : r.getCostUSD()).sum();
  }

  private static long tokens(List<SpendRecord> records) {
    return records.stream().mapToLong(r -> r.getTokens() == null ? 0 : r.getTokens()).sum();
  }

  private static Optional<Instant> finishedAt(SpendRecord record) {
    try {
      return Optional.ofNullable(record.getFinishedAt()).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static String dollars(double usd) {
    BigDecimal value =
        BigDecimal.valueOf(usd).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    return (value.scale() < 2 ? value.setScale(2) : value).toPlainString();
  }
}
