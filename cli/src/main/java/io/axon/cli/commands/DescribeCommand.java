package io.axon.cli.commands;

import io.axon.cli.AxonResources;
import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import io.axon.cli.ResourceKind;
import io.axon.cli.output.Description;
import io.axon.client.render.TerminalText;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code axon describe task|taskspawner|workspace NAME}. */
@Command(
    name = "describe",
    description = "Show a Task, TaskSpawner or Workspace in detail, with its recent Events.",
    footer = {
      "",
      "Examples:",
      "  axon describe task fix-issue-42-x7k2p",
      "  axon describe taskspawner fix-bugs"
    })
public final class DescribeCommand extends CliCommand {

  @Parameters(
      index = "0",
      paramLabel = "KIND",
      converter = ResourceKind.Converter.class,
      completionCandidates = ResourceKind.Candidates.class,
      description = "task, taskspawner or workspace.")
  ResourceKind kind;

  @Parameters(index = "1", paramLabel = "NAME", description = "The object.")
  String name;

  @Override
  protected int execute() {
    String namespace = namespace();
    HasMetadata object = new AxonResources(client()).require(kind, namespace, name);
    Pod pod = pod(object, namespace);
    // Messages, results and Events carry agents' and strangers' text.
    out()
        .print(
            TerminalText.clean(
                new Description(cli().clock().instant())
                    .of(object, pod, events(object, namespace))));
    out().flush();
    return ExitCodes.OK;
  }

  /** A Task's pod, if it is still there. */
  private Pod pod(HasMetadata object, String namespace) {
    if (object instanceof io.axon.api.v1alpha1.Task task
        && task.getStatus() != null
        && task.getStatus().getPodName() != null) {
      try {
        return client().pods().inNamespace(namespace).withName(task.getStatus().getPodName()).get();
      } catch (KubernetesClientException e) {
        return null;
      }
    }
    return null;
  }

  /** The object's Events; none when they may not be read. */
  private List<Event> events(HasMetadata object, String namespace) {
    try {
      return client()
          .v1()
          .events()
          .inNamespace(namespace)
          .withField("involvedObject.uid", object.getMetadata().getUid())
          .list()
          .getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        return List.of();
      }
      throw e;
    }
  }
}
