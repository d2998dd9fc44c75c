package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Where work comes from and what Task each item becomes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TaskSpawnerSpec {
  /** A Go-style duration such as 30s, 5m or 1h30m. */
  public static final String DURATION_PATTERN = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

  @Required private When when;

  @Required private TaskTemplate taskTemplate;

  @Default("5m")
  @Pattern(DURATION_PATTERN)
  @JsonPropertyDescription("How often to poll the source, as a duration such as 30s or 5m.")
  private String pollInterval = "5m";

  @Min(1)
  @JsonPropertyDescription("At most this many unfinished Tasks at a time (no limit when unset).")
  private Integer maxConcurrency;

  public When getWhen() {
    return when;
  }

  public void setWhen(When when) {
    this.when = when;
  }

  public TaskTemplate getTaskTemplate() {
    return taskTemplate;
  }

  public void setTaskTemplate(TaskTemplate taskTemplate) {
    this.taskTemplate = taskTemplate;
  }

  public String getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(String pollInterval) {
    this.pollInterval = pollInterval;
  }

  public Integer getMaxConcurrency() {
    return maxConcurrency;
  }

  public void setMaxConcurrency(Integer maxConcurrency) {
    this.maxConcurrency = maxConcurrency;
  }
}
