package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Where work comes from and what Task each item becomes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TaskSpawnerSpec {
  /** A Go-style duration such as 30s, 5m or 1h30m. */
  public static final String DURATION_PATTERN = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

  /**
   * The pattern once more, escaped for a CEL string, guards duration() from what it cannot read.
   */
  static final String POLL_FLOOR_RULE =
      "!self.matches('^([0-9]+(\\\\.[0-9]+)?(ms|s|m|h))+$') || duration(self) >= duration('1s')";

  @Required private When when;

  @Required private TaskTemplate taskTemplate;

  @Default("5m")
  @Pattern(DURATION_PATTERN)
  @Size(max = 64)
  @ValidationRule(
      value = POLL_FLOOR_RULE,
      message =
          "pollInterval must be at least 1s, and minutes are usual (default 5m): every poll is"
              + " a request to the source's API")
  @JsonPropertyDescription("How often to poll the source, as a duration such as 30s or 5m.")
  private String pollInterval = "5m";

  @Min(1)
  @JsonPropertyDescription("At most this many unfinished Tasks at a time (no limit when unset).")
  private Integer maxConcurrency;

  @JsonPropertyDescription("Report Tasks back on their issues and pull requests (off when unset).")
  private Report report;

  @JsonPropertyDescription(
      "Take GitHub webhook deliveries for this spawner (the controller's webhook endpoint must be"
          + " on).")
  private Webhook webhook;

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

  public Report getReport() {
    return report;
  }

  public void setReport(Report report) {
    this.report = report;
  }

  public Webhook getWebhook() {
    return webhook;
  }

  public void setWebhook(Webhook webhook) {
    this.webhook = webhook;
  }
}
