package io.axon.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which ref updates a Task may push: creates and updates (force included) of its own branches,
 * {@code refs/heads/<prefix>} and below for each prefix (default {@code axon/<task>}); never a tag,
 * a delete, or any other ref.
 */
public final class GitPushRule {
  private final List<String> branchPrefixes;

  /**
   * @param branchPrefixes branch names without {@code refs/heads/}, e.g. {@code axon/fix-42}
   */
  public GitPushRule(List<String> branchPrefixes) {
    this.branchPrefixes = List.copyOf(branchPrefixes);
  }

  /** Refuses every push: for a run whose commits stay where it ran (a local run's workspace). */
  public static GitPushRule none() {
    return new GitPushRule(List.of());
  }

  public static GitPushRule forTask(String task) {
    return new GitPushRule(List.of(defaultBranch(task)));
  }

  public static String defaultBranch(String task) {
    return "axon/" + task;
  }

  public List<String> branchPrefixes() {
    return branchPrefixes;
  }

  /** Each refused ref with why, in push order; empty when the whole push may go through. */
  public Map<String, String> refusals(List<RefUpdate> updates) {
    Map<String, String> refused = new LinkedHashMap<>();
    for (RefUpdate update : updates) {
      Decision decision = decide(update);
      if (!decision.allowed()) {
        refused.put(update.ref(), decision.reason());
      }
    }
    return refused;
  }

  public Decision decide(RefUpdate update) {
    String ref = update.ref();
    if (branchPrefixes.isEmpty()) {
      return Decision.refuse(
          "axon gateway: nothing may be pushed from here; the commits stay in the workspace");
    }
    if (ref.startsWith("refs/tags/")) {
      return Decision.refuse("axon gateway: this Task may not push tags");
    }
    if (!ref.startsWith("refs/heads/") || !own(ref.substring("refs/heads/".length()))) {
      return Decision.refuse(
          "axon gateway: this Task may push only to " + String.join(", ", described()));
    }
    if (update.isDelete()) {
      return Decision.refuse("axon gateway: this Task may not delete branches");
    }
    return Decision.allow();
  }

  private boolean own(String branch) {
    if (branch.contains("..") || branch.endsWith("/")) {
      return false;
    }
    for (String prefix : branchPrefixes) {
      if (branch.equals(prefix) || branch.startsWith(prefix + "/")) {
        return true;
      }
    }
    return false;
  }

  private List<String> described() {
    return branchPrefixes.stream().map(p -> p + " (and " + p + "/*)").toList();
  }
}
