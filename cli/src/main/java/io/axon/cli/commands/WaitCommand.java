package io.axon.cli.commands;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.cli.AxonResources;
import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import io.axon.cli.ResourceKind;
import io.axon.cli.UserException;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code axon wait [KIND] NAME --for=phase=P|condition=C[=S]|delete --timeout D}. */
@Command(
    name = "wait",
    description = "Wait until a Task reaches a phase, or an object has a condition or is deleted.",
    footer = {
      "",
      "Exit codes: 0 the wait is over; 1 it can never be (the Task ended in another phase) or an",
      "error; 2 a wrong command line; 3 the timeout passed first.",
      "",
      "Examples:",
      "  axon wait fix-issue-42-x7k2p --for=phase=Succeeded --timeout=30m",
      "  axon wait taskspawner fix-bugs --for=condition=Ready",
      "  axon wait task old-task --for=delete"
    })
public final class WaitCommand extends CliCommand {

  @Parameters(
      arity = "1..2",
      paramLabel = "[KIND] NAME",
      description = "NAME alone is a Task; KIND is task, taskspawner or workspace.")
  List<String> arguments;

  @Option(
      names = "--for",
      required = true,
      paramLabel = "WHAT",
      description =
          "phase=PHASE (Waiting, Pending, Running, Succeeded, Failed), condition=TYPE[=STATUS] (STATUS"
              + " defaults to True), or delete.")
  String wanted;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How long to wait (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin PollIntervalOption poll;

  /** What is waited for. */
  private sealed interface Goal {
    record Phase(TaskPhase phase) implements Goal {}

    record HasCondition(String type, String status) implements Goal {}

    record Deleted() implements Goal {}
  }

  @Override
  protected int execute() throws InterruptedException {
    ResourceKind kind = ResourceKind.TASK;
    String name = arguments.get(arguments.size() - 1);
    if (arguments.size() == 2) {
      try {
        kind = ResourceKind.parse(arguments.get(0));
      } catch (picocli.CommandLine.TypeConversionException e) {
        throw new UserException(e.getMessage(), ExitCodes.USAGE);
      }
    }
    Goal goal = goal(kind);
    String namespace = namespace();
    AxonResources resources = new AxonResources(client());
    String target = kind.singular() + "/" + name;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      HasMetadata object = resources.of(kind).inNamespace(namespace).withName(name).get();
      if (object == null) {
        if (goal instanceof Goal.Deleted) {
          out().println(target + " deleted");
          return ExitCodes.OK;
        }
        resources.requireInstalled(kind, namespace);
        throw new UserException(
            "%s %s not found in namespace %s".formatted(kind.singular(), name, namespace));
      }
      if (met(goal, object)) {
        out().println(target + " condition met");
        return ExitCodes.OK;
      }
      Optional<String> never = never(goal, object);
      if (never.isPresent()) {
        err().println("error: %s %s".formatted(target, never.get()));
        return ExitCodes.FAILURE;
      }
      if (System.nanoTime() > deadline) {
        err()
            .println(
                "error: timed out after %s waiting for %s --for=%s (now: %s)"
                    .formatted(
                        io.axon.cli.output.HumanDuration.format(timeout),
                        target,
                        wanted,
                        now(object)));
        return ExitCodes.TIMEOUT;
      }
      Thread.sleep(
          Math.min(
              poll.interval.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
    }
  }

  private Goal goal(ResourceKind kind) {
    String text = wanted.strip();
    if (text.equals("delete")) {
      return new Goal.Deleted();
    }
    int eq = text.indexOf('=');
    String what = eq < 0 ? text : text.substring(0, eq);
    String value = eq < 0 ? "" : text.substring(eq + 1);
    if (what.equals("phase") && !value.isEmpty()) {
      if (kind != ResourceKind.TASK) {
        throw new UserException("only Tasks have a phase", ExitCodes.USAGE);
      }
      for (TaskPhase phase : TaskPhase.values()) {
        if (phase.name().equalsIgnoreCase(value)) {
          return new Goal.Phase(phase);
        }
      }
      throw new UserException(
          "--for=%s: a phase is one of %s".formatted(wanted, List.of(TaskPhase.values())),
          ExitCodes.USAGE);
    }
    if (what.equals("condition") && !value.isEmpty()) {
      int second = value.indexOf('=');
      return second < 0
          ? new Goal.HasCondition(value, "True")
          : new Goal.HasCondition(value.substring(0, second), value.substring(second + 1));
    }
    throw new UserException(
        "--for=%s: use phase=PHASE, condition=TYPE[=STATUS] or delete".formatted(wanted),
        ExitCodes.USAGE);
  }

  private static boolean met(Goal goal, HasMetadata object) {
    if (goal instanceof Goal.Phase phase) {
      return phase((Task) object) == phase.phase();
    }
    if (goal instanceof Goal.HasCondition wantedCondition) {
      return conditions(object).stream()
          .anyMatch(
              c ->
                  wantedCondition.type().equalsIgnoreCase(c.getType())
                      && wantedCondition.status().equalsIgnoreCase(c.getStatus()));
    }
    return false;
  }

  /** Why the wait can never be over: a finished Task does not change again. */
  private static Optional<String> never(Goal goal, HasMetadata object) {
    if (object instanceof Task task && phase(task) != null && phase(task).isFinished()) {
      String message =
          task.getStatus().getMessage() == null ? "" : ": " + task.getStatus().getMessage();
      if (goal instanceof Goal.Phase || goal instanceof Goal.HasCondition) {
        return Optional.of("ended %s%s; it will not change again".formatted(phase(task), message));
      }
    }
    return Optional.empty();
  }

  private static String now(HasMetadata object) {
    if (object instanceof Task task) {
      return "phase " + (phase(task) == null ? TaskPhase.Pending : phase(task));
    }
    List<Condition> conditions = conditions(object);
    return conditions.isEmpty()
        ? "no conditions"
        : String.join(
                ", ", conditions.stream().map(c -> c.getType() + "=" + c.getStatus()).toList())
            .toLowerCase(Locale.ROOT);
  }

  private static TaskPhase phase(Task task) {
    return task.getStatus() == null ? null : task.getStatus().getPhase();
  }

  private static List<Condition> conditions(HasMetadata object) {
    if (object instanceof Task task && task.getStatus() != null) {
      return task.getStatus().getConditions();
    }
    if (object instanceof TaskSpawner spawner && spawner.getStatus() != null) {
      return spawner.getStatus().getConditions();
    }
    return List.of();
  }
}
