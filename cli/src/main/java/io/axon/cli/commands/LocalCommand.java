package io.axon.cli.commands;

import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import io.axon.cli.local.KeptWorkspaces;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code axon local list|clean}: the workspaces {@code axon run --local} kept. */
@Command(
    name = "local",
    description =
        "List or remove the workspaces `axon run --local` kept (those with work in them).",
    subcommands = {LocalCommand.ListKept.class, LocalCommand.Clean.class})
public final class LocalCommand {

  @Command(name = "list", description = "List kept workspaces, oldest first.")
  public static final class ListKept extends CliCommand {
    @Override
    protected int execute() {
      List<KeptWorkspaces.Kept> kept = KeptWorkspaces.in(cli().env(), cli().home()).list();
      if (kept.isEmpty()) {
        out().println("No kept workspaces.");
        return ExitCodes.OK;
      }
      out().println("LAST CHANGED          WORKSPACE");
      for (KeptWorkspaces.Kept workspace : kept) {
        out()
            .printf(
                "%-21s %s%n",
                workspace.lastChanged().toString().replaceAll("\\.\\d+Z$", "Z"),
                workspace.workspace());
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "clean",
      description = "Remove every kept workspace, commits included; runs in progress stay.")
  public static final class Clean extends CliCommand {
    @Override
    protected int execute() {
      List<KeptWorkspaces.Kept> removed = KeptWorkspaces.in(cli().env(), cli().home()).clean();
      removed.forEach(workspace -> out().println("Removed " + workspace.workspace()));
      out()
          .println(
              removed.size() == 1
                  ? "1 workspace removed."
                  : removed.size() + " workspaces removed.");
      return ExitCodes.OK;
    }
  }
}
