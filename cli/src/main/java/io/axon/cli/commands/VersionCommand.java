package io.axon.cli.commands;

import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import io.axon.cli.UserException;
import io.axon.cli.Version;
import io.axon.cli.output.PlainMessages;
import io.axon.cli.run.ControllerLease;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code axon version}: the CLI's, the API server's and the controller's versions. */
@Command(
    name = "version",
    description = "Print the axon CLI's version, and the cluster's and the controller's.")
public final class VersionCommand extends CliCommand {
  @Option(names = "--client", description = "Only the CLI's version; do not ask the cluster.")
  boolean clientOnly;

  @Override
  protected int execute() {
    out().println("axon " + Version.current());
    out().println("java " + System.getProperty("java.version"));
    out().flush();
    if (clientOnly) {
      return ExitCodes.OK;
    }
    try {
      VersionInfo server = client().getKubernetesVersion();
      out().println("server " + server.getGitVersion());
      out().println("controller " + controller());
    } catch (KubernetesClientException | UserException | IllegalStateException e) {
      // No cluster is no error here: the CLI's own version is what was asked first.
      out().println("server unknown (" + PlainMessages.of(e) + ")");
    }
    return ExitCodes.OK;
  }

  /** The controller's image tag, as its Deployment names it. */
  private String controller() {
    Deployment deployment;
    try {
      deployment =
          client()
              .apps()
              .deployments()
              .inNamespace(ControllerLease.NAMESPACE)
              .withName(ControllerLease.NAME)
              .get();
    } catch (KubernetesClientException e) {
      return "unknown ("
          + (e.getCode() == 403 ? "not allowed to read its Deployment" : PlainMessages.of(e))
          + ")";
    }
    if (deployment == null) {
      return "not installed";
    }
    String image =
        deployment.getSpec().getTemplate().getSpec().getContainers().stream()
            .findFirst()
            .map(Container::getImage)
            .orElse("?");
    int colon = image.lastIndexOf(':');
    String tag = colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
    return tag + " (" + image + ")";
  }
}
