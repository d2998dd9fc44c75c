package io.axon.cli.run;

import io.axon.api.v1alpha1.TaskSpec;
import io.axon.cli.ExitCodes;
import io.axon.cli.UserException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** {@code axon run}'s pipeline flags: the Tasks this one waits for, and the branch it works on. */
public final class PipelineOptions {
  /** What git and the API server accept as spec.branch (see the Task's CRD). */
  private static final Pattern BRANCH = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9._/-]*$");

  @Option(
      names = "--branch",
      paramLabel = "BRANCH",
      description =
          "The git branch the agent works on (created from the Workspace's ref when missing). Tasks"
              + " on the same repository and branch run one at a time. With --local the branch"
              + " stays in the kept workspace (it is not pushed).")
  String branch;

  @Option(
      names = "--depends-on",
      paramLabel = "TASK",
      description =
          "A Task that must succeed before this one starts (repeatable). The prompt can use its"
              + " result: {{.Deps.TASK.Result.Branch}}, .Commit, .PullRequestURL, .Summary.")
  List<String> dependsOn = new ArrayList<>();

  /** Refuses what cannot become a valid Task, before anything is written. */
  public void validate(boolean local, boolean hasWorkspace, String taskName) {
    if (local && !dependsOn.isEmpty()) {
      throw new UserException(
          "--depends-on is for Tasks on a cluster, not --local", ExitCodes.USAGE);
    }
    if (branch != null) {
      if (!BRANCH.matcher(branch).matches()
          || branch.length() > 200
          || branch.contains("..")
          || branch.contains("//")
          || branch.contains("/.")
          || branch.endsWith("/")
          || branch.endsWith(".")
          || branch.endsWith(".lock")) {
        throw new UserException(
            "--branch " + branch + " is not a git branch name", ExitCodes.USAGE);
      }
      if (!local && !hasWorkspace) {
        throw new UserException(
            "--branch needs a workspace: --workspace NAME, or workspace in the config file",
            ExitCodes.USAGE);
      }
    }
    if (local) {
      return;
    }
    if (dependsOn.size() > TaskSpec.MAX_DEPENDENCIES) {
      throw new UserException(
          "--depends-on: at most %d Tasks".formatted(TaskSpec.MAX_DEPENDENCIES), ExitCodes.USAGE);
    }
    for (String name : dependsOn) {
      String problem = TaskNames.problem(name);
      if (problem != null) {
        throw new UserException("--depends-on " + name + ": " + problem, ExitCodes.USAGE);
      }
      if (name.equals(taskName)) {
        throw new UserException(
            "--depends-on " + name + ": a Task cannot depend on itself", ExitCodes.USAGE);
      }
    }
  }

  /** The branch the agent works on, when {@code --branch} names one. */
  public Optional<String> branch() {
    return Optional.ofNullable(branch);
  }

  /** The Tasks named, each once, in the order given. */
  public List<String> dependsOn() {
    return List.copyOf(new LinkedHashSet<>(dependsOn));
  }

  /** A note for each named Task that does not exist (yet): the new Task waits for it. */
  public List<String> notes(Predicate<String> exists) {
    return dependsOn().stream()
        .filter(name -> !exists.test(name))
        .map(
            name ->
                "task %s does not exist yet: this Task waits until it is created and succeeds"
                    .formatted(name))
        .toList();
  }

  public void applyTo(TaskSpec spec) {
    spec.setDependsOn(dependsOn());
    spec.setBranch(branch);
  }
}
