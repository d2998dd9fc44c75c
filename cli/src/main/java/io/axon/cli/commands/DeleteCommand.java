package io.axon.cli.commands;

import io.axon.cli.AxonResources;
import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import io.axon.cli.ResourceKind;
import io.axon.cli.UserException;
import io.fabric8.kubernetes.api.model.StatusDetails;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code axon delete [task|taskspawner|workspace] NAME}. */
@Command(
    name = "delete",
    description = "Delete a Task (its Job and Pod go with it), a TaskSpawner or a Workspace.",
    footer = {
      "",
      "Examples:",
      "  axon delete my-task",
      "  axon delete task my-task",
      "  axon delete taskspawner fix-bugs"
    })
public final class DeleteCommand extends CliCommand {

  @Parameters(
      arity = "1..2",
      paramLabel = "[KIND] NAME",
      description = "NAME alone is a Task; KIND is task, taskspawner or workspace.")
  List<String> arguments;

  @Override
  protected int execute() {
    ResourceKind kind = ResourceKind.TASK;
    String name = arguments.get(0);
    if (arguments.size() == 2) {
      try {
        kind = ResourceKind.parse(arguments.get(0));
      } catch (picocli.CommandLine.TypeConversionException e) {
        throw new UserException(e.getMessage(), ExitCodes.USAGE);
      }
      name = arguments.get(1);
    }
    String namespace = namespace();
    AxonResources resources = new AxonResources(client());
    List<StatusDetails> deleted = resources.of(kind).inNamespace(namespace).withName(name).delete();
    if (deleted.isEmpty()) {
      resources.requireInstalled(kind, namespace);
      throw new UserException(
          "%s %s not found in namespace %s".formatted(kind.singular(), name, namespace));
    }
    out().println(kind.singular() + "/" + name + " deleted");
    return ExitCodes.OK;
  }
}
