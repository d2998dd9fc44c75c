package io.axon.cli.commands;

import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import io.axon.cli.Version;
import picocli.CommandLine.Command;

/** {@code axon version}. */
@Command(name = "version", description = "Print the axon CLI's version.")
public final class VersionCommand extends CliCommand {
  @Override
  protected int execute() {
    out().println("axon " + Version.current());
    out().println("java " + System.getProperty("java.version"));
    return ExitCodes.OK;
  }
}
