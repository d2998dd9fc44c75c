package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Where work comes from and what Task each item becomes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TaskSpawnerSpec {
  /** A Go-style duration such as 30s, 5m or 1h30m. */
  public static final String DURATION_PATTERN = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

  /**
   * The pattern once more, escaped for a CEL string, guards duration() from what it cannot read.
   */
  static final String POLL_FLOOR_RULE =
      "!self.matches('^([0-9]+(\\\\.[0-9]+)?(ms|s|m|h))+$') || duration(self) >= duration('30s')";

  @Required
  @Size(min = 1)
  private When when;

  @Required private TaskTemplate taskTemplate;

  @Default("5m")
  @Pattern(DURATION_PATTERN)
  @Size(max = 64)
  @ValidationRule(
      value = POLL_FLOOR_RULE,
      message =
          "pollInterval must be at least 30s (default 5m): every poll is a request to the"
              + " source's API; to poll at once, set the annotation axon.io/poll-now to a new"
              + " value")
  @JsonPropertyDescription(
      "How often to poll the source, as a duration such as 30s or 5m (at least 30s); a new"
          + " value of the annotation axon.io/poll-now polls at once.")
  private String pollInterval = "5m";

  @Min(1)
  @JsonPropertyDescription("At most this many unfinished Tasks at a time (no limit when unset).")
  private Integer maxConcurrency;

  @Min(1)
  @JsonPropertyDescription(
      "Create at most this many Tasks in all (status.tasksCreated counts them, deleted ones"
          + " included); then the spawner stops creating.")
  private Long maxTotalTasks;

  @JsonPropertyDescription("true: poll no more and create no Tasks until set back to false.")
  private Boolean suspend;

  @Size(max = 253)
  @JsonPropertyDescription(
      "Task names from {{.Spawner}}, {{.ID}} and {{.Number}} (fields that never change for an"
          + " item), for example 'fix-{{.Number}}'; default '{{.Spawner}}-{{.ID}}'. Lower-cased,"
          + " other characters become '-', and a name over 63 characters is cut with a hash of"
          + " the whole name at its end.")
  private String nameTemplate;

  @JsonPropertyDescription(
      "Labels in order of priority, highest first: when maxConcurrency or maxTotalTasks leave"
          + " room for fewer Tasks than items, items with an earlier label go first (then items"
          + " with none, in the source's order).")
  private List<String> priorityLabels = new ArrayList<>();

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

  public Long getMaxTotalTasks() {
    return maxTotalTasks;
  }

  public void setMaxTotalTasks(Long maxTotalTasks) {
    this.maxTotalTasks = maxTotalTasks;
  }

  public Boolean getSuspend() {
    return suspend;
  }

  public void setSuspend(Boolean suspend) {
    this.suspend = suspend;
  }

  public String getNameTemplate() {
    return nameTemplate;
  }

  public void setNameTemplate(String nameTemplate) {
    this.nameTemplate = nameTemplate;
  }

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public List<String> getPriorityLabels() {
    return priorityLabels;
  }

  public void setPriorityLabels(List<String> priorityLabels) {
    this.priorityLabels = priorityLabels == null ? new ArrayList<>() : priorityLabels;
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
