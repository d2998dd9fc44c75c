package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** Which Tasks a budget covers and what they may spend per 24 hours. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.dailyCostUSD) || has(self.dailyTokens)",
    message = "a TaskBudget needs dailyCostUSD or dailyTokens (or both)")
public class TaskBudgetSpec {
  @JsonPropertyDescription(
      "Labels a Task must all have to be covered (empty: every Task of the namespace).")
  private Map<String, String> selector = new LinkedHashMap<>();

  @Min(value = 0, inclusive = false)
  @Max(1_000_000)
  @JsonPropertyDescription("US dollars the covered Tasks may spend in any 24 hours.")
  private Double dailyCostUSD;

  @Min(1)
  @JsonPropertyDescription("Model tokens (input and output) the covered Tasks may use in 24 hours.")
  private Long dailyTokens;

  public Map<String, String> getSelector() {
    return selector;
  }

  public void setSelector(Map<String, String> selector) {
    this.selector = selector;
  }

  public Double getDailyCostUSD() {
    return dailyCostUSD;
  }

  public void setDailyCostUSD(Double dailyCostUSD) {
    this.dailyCostUSD = dailyCostUSD;
  }

  public Long getDailyTokens() {
    return dailyTokens;
  }

  public void setDailyTokens(Long dailyTokens) {
    this.dailyTokens = dailyTokens;
  }
}
