package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What a TaskSpawner's last polls found and did. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TaskSpawnerStatus {
  private Long observedGeneration;

  @JsonPropertyDescription("When the source was last polled (RFC 3339).")
  private String lastPollTime;

  @JsonPropertyDescription("Items that matched the filters at the last poll.")
  private Integer itemsFound;

  @JsonPropertyDescription("Tasks this spawner has created since it started.")
  private Long tasksCreated;

  @JsonPropertyDescription("Tasks of this spawner that have not finished.")
  private Integer activeTasks;

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyDescription(
      "Items whose Task finished and was deleted by its ttlSecondsAfterFinished, as <item>:<hash of"
          + " its prompt>, oldest first, at most 2048. Such an item gets no new Task until its prompt"
          + " would change or it leaves the spawner's filter for a poll.")
  private List<String> expiredItems = new ArrayList<>();

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyDescription(
      "Work that webhook deliveries asked for (a comment's trigger phrase, a failed check on a"
          + " pull request), waiting for its Task, oldest first, at most the controller's"
          + " webhook.maxQueuedItems (default 256):"
          + " comment:<issue>:<comment id>, check_run:<pull request>:<check run id> or"
          + " check_suite:<pull request>:<check suite id>.")
  private List<String> queuedItems = new ArrayList<>();

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyDescription(
      "Generic webhook deliveries waiting for their Task (over maxConcurrency), oldest first, at"
          + " most the controller's webhook.maxQueuedDeliveries (default 32).")
  private List<QueuedDelivery> queuedDeliveries = new ArrayList<>();

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getLastPollTime() {
    return lastPollTime;
  }

  public void setLastPollTime(String lastPollTime) {
    this.lastPollTime = lastPollTime;
  }

  public Integer getItemsFound() {
    return itemsFound;
  }

  public void setItemsFound(Integer itemsFound) {
    this.itemsFound = itemsFound;
  }

  public Long getTasksCreated() {
    return tasksCreated;
  }

  public void setTasksCreated(Long tasksCreated) {
    this.tasksCreated = tasksCreated;
  }

  public Integer getActiveTasks() {
    return activeTasks;
  }

  public void setActiveTasks(Integer activeTasks) {
    this.activeTasks = activeTasks;
  }

  public List<String> getExpiredItems() {
    return expiredItems;
  }

  public void setExpiredItems(List<String> expiredItems) {
    this.expiredItems = expiredItems == null ? new ArrayList<>() : expiredItems;
  }

  public List<String> getQueuedItems() {
    return queuedItems;
  }

  public void setQueuedItems(List<String> queuedItems) {
    this.queuedItems = queuedItems == null ? new ArrayList<>() : queuedItems;
  }

  public List<QueuedDelivery> getQueuedDeliveries() {
    return queuedDeliveries;
  }

  public void setQueuedDeliveries(List<QueuedDelivery> queuedDeliveries) {
    this.queuedDeliveries = queuedDeliveries == null ? new ArrayList<>() : queuedDeliveries;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }
}
