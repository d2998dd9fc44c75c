package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * Which failed attempts of a Task get another one: {@code spec.retry} (and a TaskSpawner's {@code
 * taskTemplate.retry}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetrySpec {
  /** The most attempts a Task may have: each keeps a Job and a line of status until the end. */
  public static final int MAX_ATTEMPTS = 10;

  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final String DEFAULT_BACKOFF = "1m";

  @Size(max = 15)
  @JsonPropertyDescription(
      "The failure classes (status.result.reason) worth another attempt, for example"
          + " ModelRateLimited, ModelUnavailable, Evicted, InfrastructureError. Others end the Task.")
  private List<ResultReason> onReasons = new ArrayList<>();

  @Min(1)
  @Max(MAX_ATTEMPTS)
  @JsonPropertyDescription("Attempts in all, the first included (default 3, at most 10).")
  private Integer maxAttempts;

  @Pattern(TaskSpawnerSpec.DURATION_PATTERN)
  @Size(max = 64)
  @JsonPropertyDescription(
      "Wait before the second attempt, doubled before each later one (at most 1h), as a"
          + " duration such as 30s or 1m (default 1m).")
  private String backoff;

  public List<ResultReason> getOnReasons() {
    return onReasons;
  }

  public void setOnReasons(List<ResultReason> onReasons) {
    this.onReasons = onReasons == null ? new ArrayList<>() : onReasons;
  }

  public Integer getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(Integer maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public String getBackoff() {
    return backoff;
  }

  public void setBackoff(String backoff) {
    this.backoff = backoff;
  }
}
