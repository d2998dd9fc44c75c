package io.axon.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** A wrong command line: say what is wrong and where help is, exit 2. */
final class UsageErrorHandler implements IParameterExceptionHandler {
  private final CliContext cli;

  UsageErrorHandler(CliContext cli) {
    this.cli = cli;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine command = ex.getCommandLine();
    PrintWriter err = cli.err();
    err.println("error: " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Run '%s --help' for usage.".formatted(command.getCommandSpec().qualifiedName()));
    err.flush();
    return ExitCodes.USAGE;
  }
}
