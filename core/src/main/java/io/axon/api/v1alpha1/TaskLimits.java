package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What one run may use. The agent's entrypoint watches the run and stops the agent when a limit is
 * reached (gracefully: the agent CLI's own limit where it has one, SIGINT, SIGTERM, SIGKILL), then
 * saves the work so far to the branch {@code axon/<task>-wip} and reports {@code limit_reached}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TaskLimits {
  public static final int MAX_TURNS_CEILING = 10_000;
  public static final double MAX_COST_USD_CEILING = 10_000;

  /** A Go-style duration of at least 1s and at most seven days. */
  static final String DURATION_RULE =
      "self.matches('^([0-9]+(\\\\.[0-9]+)?(ms|s|m|h))+$') && duration(self) >= duration('1s')"
          + " && duration(self) <= duration('168h')";

  @Min(1)
  @Max(MAX_TURNS_CEILING)
  @JsonPropertyDescription("Model turns the agent may take (1 to 10000).")
  private Integer maxTurns;

  @Min(value = 0, inclusive = false)
  @Max(MAX_COST_USD_CEILING)
  @JsonPropertyDescription(
      "US dollars the run may cost, as the agent CLI reports it or priced from the model's list"
          + " rates (above 0, at most 10000).")
  private Double maxCostUSD;

  @Size(max = 64)
  @ValidationRule(
      value = DURATION_RULE,
      message = "maxDuration must be a duration such as 30m, 1h30m or 90s, from 1s to 168h")
  @JsonPropertyDescription("Wall time the agent may run, as a duration such as 30m or 1h30m.")
  private String maxDuration;

  @Min(1)
  @JsonPropertyDescription("Model output tokens the run may produce (at least 1).")
  private Long maxOutputTokens;

  public Integer getMaxTurns() {
    return maxTurns;
  }

  public void setMaxTurns(Integer maxTurns) {
    this.maxTurns = maxTurns;
  }

  public Double getMaxCostUSD() {
    return maxCostUSD;
  }

  public void setMaxCostUSD(Double maxCostUSD) {
    this.maxCostUSD = maxCostUSD;
  }

  public String getMaxDuration() {
    return maxDuration;
  }

  public void setMaxDuration(String maxDuration) {
    this.maxDuration = maxDuration;
  }

  public Long getMaxOutputTokens() {
    return maxOutputTokens;
  }

  public void setMaxOutputTokens(Long maxOutputTokens) {
    this.maxOutputTokens = maxOutputTokens;
  }
}
