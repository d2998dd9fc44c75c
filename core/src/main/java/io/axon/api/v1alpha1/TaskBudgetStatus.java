package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What the covered Tasks spent in the last 24 hours, one small record per finished Task. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TaskBudgetStatus {
  @JsonPropertyDescription("Dollars spent in the last 24 hours, as a decimal string.")
  private String spentCostUSD;

  @JsonPropertyDescription("Tokens used in the last 24 hours.")
  private Long spentTokens;

  @JsonPropertyDescription(
      "One record per finished Task of the last 24 hours (at most 2048, oldest dropped first).")
  private List<SpendRecord> records = new ArrayList<>();

  public String getSpentCostUSD() {
    return spentCostUSD;
  }

  public void setSpentCostUSD(String spentCostUSD) {
    this.spentCostUSD = spentCostUSD;
  }

  public Long getSpentTokens() {
    return spentTokens;
  }

  public void setSpentTokens(Long spentTokens) {
    this.spentTokens = spentTokens;
  }

  public List<SpendRecord> getRecords() {
    return records;
  }

  public void setRecords(List<SpendRecord> records) {
    this.records = records;
  }
}
