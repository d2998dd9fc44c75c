package io.axon.controller.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Standard Kubernetes conditions: one per type, transition time kept while the status holds. */
public final class Conditions {
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private Conditions() {}

  /** Returns a copy of {@code current} with the condition of {@code type} set as given. */
  public static List<Condition> set(
      List<Condition> current,
      String type,
      String status,
      String reason,
      String message,
      Long observedGeneration,
      Instant now) {
    List<Condition> result = new ArrayList<>();
    Optional<Condition> previous = find(current, type);
    for (Condition condition : current) {
      if (!type.equals(condition.getType())) {
        result.add(condition);
      }
    }
    String transitioned =
        previous
            .filter(p -> Objects.equals(p.getStatus(), status))
            .map(Condition::getLastTransitionTime)
            .orElse(Timestamps.format(now));
    result.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(observedGeneration)
            .withLastTransitionTime(transitioned)
            .build());
    result.sort((a, b) -> a.getType().compareTo(b.getType()));
    return result;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
