package io.axon.cli.commands;

import io.axon.cli.AxonResources;
import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import io.axon.cli.ResourceKind;
import io.axon.cli.UserException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code axon delete [KIND] NAME...}, {@code --all}, {@code -l SELECTOR}. */
@Command(
    name = "delete",
    description = "Delete Tasks (their Jobs and Pods go with them), TaskSpawners or Workspaces.",
    footer = {
      "",
      "A single NAME is a Task; with several names, --all or -l the first word is the KIND.",
      "Missing names are reported (exit 1); the others are deleted all the same.",
      "",
      "Examples:",
      "  axon delete my-task",
      "  axon delete task my-task other-task",
      "  axon delete tasks --all",
      "  axon delete tasks -l axon.io/taskspawner=fix-bugs",
      "  axon delete taskspawner fix-bugs"
    })
public final class DeleteCommand extends CliCommand {

  @Parameters(
      arity = "1..*",
      paramLabel = "[KIND] NAME",
      description = "NAME alone is a Task; KIND is task, taskspawner or workspace.")
  List<String> arguments;

  @Option(names = "--all", description = "Delete every object of KIND in the namespace.")
  boolean all;

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description = "Delete the objects of KIND whose labels match (e.g. team=a,tier!=ci).")
  String selector;

  @Override
  protected int execute() {
    boolean byName = !all && selector == null;
    ResourceKind kind = ResourceKind.TASK;
    List<String> names = arguments;
    if (arguments.size() > 1 || !byName) {
      kind = kind(arguments.get(0));
      names = arguments.subList(1, arguments.size());
    }
    if (!byName && !names.isEmpty()) {
      throw new UserException("names cannot be combined with --all or -l", ExitCodes.USAGE);
    }
    if (byName && names.isEmpty()) {
      throw new UserException("name the %s to delete".formatted(kind.singular()), ExitCodes.USAGE);
    }
    String namespace = namespace();
    AxonResources resources = new AxonResources(client());
    if (byName) {
      return deleteNamed(resources, kind, namespace, names);
    }
    List<String> matching = matching(resources, kind, namespace);
    if (matching.isEmpty()) {
      err().println("No %ss found in namespace %s.".formatted(kind.singular(), namespace));
      return ExitCodes.OK;
    }
    return deleteNamed(resources, kind, namespace, matching);
  }

  private int deleteNamed(
      AxonResources resources, ResourceKind kind, String namespace, List<String> names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (resources.of(kind).inNamespace(namespace).withName(name).delete().isEmpty()) {
        missing.add(name);
      } else {
        out().println(kind.singular() + "/" + name + " deleted");
        out().flush();
      }
    }
    if (missing.isEmpty()) {
      return ExitCodes.OK;
    }
    resources.requireInstalled(kind, namespace);
    for (String name : missing.subList(0, missing.size() - 1)) {
      err()
          .println(
              "error: %s %s not found in namespace %s".formatted(kind.singular(), name, namespace));
    }
    throw new UserException(
        "%s %s not found in namespace %s"
            .formatted(kind.singular(), missing.get(missing.size() - 1), namespace));
  }

  private List<String> matching(AxonResources resources, ResourceKind kind, String namespace) {
    ListOptionsBuilder options = new ListOptionsBuilder();
    if (selector != null) {
      options.withLabelSelector(selector);
    }
    return resources.of(kind).inNamespace(namespace).list(options.build()).getItems().stream()
        .map(HasMetadata::getMetadata)
        .map(meta -> meta.getName())
        .sorted(Comparator.naturalOrder())
        .toList();
  }

  private static ResourceKind kind(String typed) {
    try {
      return ResourceKind.parse(typed);
    } catch (picocli.CommandLine.TypeConversionException e) {
      throw new UserException(e.getMessage(), ExitCodes.USAGE);
    }
  }
}
