package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A schedule: one Task per tick of a 5-field cron expression. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Cron {
  /** What to do with the ticks that passed while no Task could be created for them. */
  public enum MissedTicks {
    runLatest,
    skip
  }

  /** What to do with a tick while a Task of an earlier tick has not finished. */
  public enum ConcurrencyPolicy {
    skip,
    queue,
    run
  }

  @Required
  @Size(min = 9, max = 256)
  @JsonPropertyDescription(
      "minute hour day-of-month month day-of-week, as in crontab (for example '0 7 * * 1-5'):"
          + " numbers, *, ranges a-b, lists a,b and steps */n or a-b/n; month and day names"
          + " (jan, mon) too; day-of-week 0 or 7 is Sunday.")
  private String schedule;

  @Size(max = 64)
  @JsonPropertyDescription(
      "IANA time zone of the schedule, for example Europe/Berlin (default UTC).")
  private String timeZone;

  @Default("runLatest")
  @JsonPropertyDescription(
      "Ticks missed while the controller was away: runLatest (one Task for the latest, default)"
          + " or skip (none; wait for the next tick).")
  private MissedTicks missedTicks;

  @Default("skip")
  @JsonPropertyDescription(
      "A tick while an earlier tick's Task runs: skip (no Task for it, default), queue (its Task"
          + " is created when the running one finished; a later tick replaces a waiting one) or"
          + " run (created at once, within maxConcurrency).")
  private ConcurrencyPolicy concurrencyPolicy;

  @JsonPropertyDescription("Workspace the Tasks clone (optional).")
  private LocalObjectReference workspaceRef;

  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public MissedTicks getMissedTicks() {
    return missedTicks;
  }

  public void setMissedTicks(MissedTicks missedTicks) {
    this.missedTicks = missedTicks;
  }

  public ConcurrencyPolicy getConcurrencyPolicy() {
    return concurrencyPolicy;
  }

  public void setConcurrencyPolicy(ConcurrencyPolicy concurrencyPolicy) {
    this.concurrencyPolicy = concurrencyPolicy;
  }

  public LocalObjectReference getWorkspaceRef() {
    return workspaceRef;
  }

  public void setWorkspaceRef(LocalObjectReference workspaceRef) {
    this.workspaceRef = workspaceRef;
  }
}
