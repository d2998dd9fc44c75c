package io.axon.cli.commands;

import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import io.axon.cli.UserException;
import io.axon.cli.install.HelmChart;
import io.axon.cli.install.ImageOverride;
import io.axon.cli.install.Installer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code axon install}. */
@Command(
    name = "install",
    description = {
      "Install Axon into the cluster (or bring it up to date).",
      "Applies the CRDs, then the controller and its RBAC in namespace axon-system, and waits",
      "until the controller is available. Safe to run again."
    })
public final class InstallCommand extends CliCommand {

  @ArgGroup(exclusive = true)
  Image image = new Image();

  static final class Image {
    @Option(
        names = "--version",
        paramLabel = "TAG",
        description = "Controller image tag (default: the one the manifests name).")
    String tag;

    @Option(names = "--image", paramLabel = "IMAGE", description = "Controller image, in full.")
    String image;
  }

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "How long to wait for the controller to be available (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--namespaces",
      paramLabel = "NS",
      split = ",",
      description =
          "Serve only these namespaces (comma-separated): the controller watches only them and"
              + " gets a Role and RoleBinding in each, no ClusterRole, so it can read no Secret"
              + " and create no Job elsewhere. Default: every namespace.")
  List<String> namespaces;

  @Option(
      names = {"-f", "--values"},
      paramLabel = "FILE",
      description =
          "Render the Helm chart (deploy/helm/axon) with these values (repeatable), using helm"
              + " ($AXON_HELM, else helm on PATH), and apply the result.")
  List<Path> values = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Render the Helm chart with this value, as helm's --set (repeatable), e.g."
              + " --set replicas=1.")
  List<String> sets = new ArrayList<>();

  @Mixin ManifestsOption manifests;

  @Mixin PollIntervalOption poll;

  @Override
  protected int execute() throws InterruptedException {
    List<HasMetadata> objects;
    if (!values.isEmpty() || !sets.isEmpty()) {
      if (namespaces != null) {
        throw new UserException(
            "--namespaces cannot be combined with --values/--set: use --set namespaces={a,b}",
            ExitCodes.USAGE);
      }
      objects = HelmChart.find(cli().env(), manifests.dir).render(client(), values, sets);
    } else {
      objects =
          namespaces == null
              ? manifests.manifests().load(client())
              : manifests.manifests().loadNamespaced(client(), namespaces);
    }
    new ImageOverride(image.image, image.tag).applyTo(objects);
    out().println("Installing Axon into " + client().getMasterUrl());
    new Installer(client(), out(), cli().terminal().stdoutIsTerminal(), poll.interval)
        .install(objects, timeout);
    out().println("Axon is installed. Next: `axon init`, then `axon run -p \"...\"`.");
    return ExitCodes.OK;
  }
}
