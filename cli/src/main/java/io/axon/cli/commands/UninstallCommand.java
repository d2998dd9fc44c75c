package io.axon.cli.commands;

import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import io.axon.cli.UserException;
import io.axon.cli.install.Uninstaller;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code axon uninstall}. */
@Command(
    name = "uninstall",
    description = {
      "Remove Axon from the cluster.",
      "Deletes every TaskSpawner, Task (with its Job and Pod) and Workspace in every namespace,",
      "the Secrets `axon run` made from the config file, then the controller, the Roles and",
      "RoleBindings of a namespaced install (`install --namespaces`), and the CRDs.",
      "Asks first unless --yes."
    })
public final class UninstallCommand extends CliCommand {

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "2m",
      converter = DurationConverter.class,
      description =
          "How long to wait for Tasks and TaskSpawners to go (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin ManifestsOption manifests;

  @Mixin PollIntervalOption poll;

  @Override
  protected int execute() throws InterruptedException, IOException {
    if (!yes) {
      if (!cli().terminal().stdinIsTerminal()) {
        throw new UserException(
            "uninstall deletes every Task, TaskSpawner and Workspace in the cluster; pass --yes to"
                + " confirm when not running in a terminal");
      }
      out()
          .print(
              "This deletes every Task, TaskSpawner and Workspace in every namespace of %s, the"
                      .formatted(client().getMasterUrl())
                  + " Secrets axon run made from the config file, then the Axon controller and"
                  + " CRDs. Continue? [y/N] ");
      out().flush();
      String answer =
          new BufferedReader(new InputStreamReader(cli().in(), Charset.defaultCharset()))
              .readLine();
      if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
        out().println("Nothing deleted.");
        return ExitCodes.FAILURE;
      }
    }
    new Uninstaller(client(), out(), poll.interval)
        .uninstall(manifests.manifests().load(client()), timeout);
    out().println("Axon is uninstalled.");
    return ExitCodes.OK;
  }
}
