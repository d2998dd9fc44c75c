package io.axon.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** A wrong command line: say what is wrong and where help is, exit 2. */
final class UsageErrorHandler implements IParameterExceptionHandler {
  /**
   * Commands never suggested for a typo: someone who mistyped a command that reads must not be
   * pointed at one that destroys.
   */
  private static final Set<String> DESTRUCTIVE = Set.of("delete", "uninstall");

  private final CliContext cli;

  UsageErrorHandler(CliContext cli) {
    this.cli = cli;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine command = ex.getCommandLine();
    PrintWriter err = cli.err();
    String message = ex.getMessage();
    // Some of picocli's messages carry their own "Error: ", which would read "error: Error: ...".
    err.println(
        "error: "
            + (message.startsWith("Error: ") ? message.substring("Error: ".length()) : message));
    if (ex instanceof UnmatchedArgumentException unmatched) {
      suggest(unmatched, err);
    }
    err.println("Run '%s --help' for usage.".formatted(command.getCommandSpec().qualifiedName()));
    err.flush();
    return ExitCodes.USAGE;
  }

  private static void suggest(UnmatchedArgumentException ex, PrintWriter err) {
    List<String> suggestions =
        ex.getSuggestions().stream().filter(s -> !DESTRUCTIVE.contains(s)).toList();
    if (suggestions.isEmpty()) {
      return;
    }
    boolean commands = !suggestions.get(0).startsWith("-");
    String prefix = commands ? ex.getCommandLine().getCommandSpec().qualifiedName() + " " : "";
    List<String> shown = suggestions.stream().map(s -> prefix + s).toList();
    err.println("Did you mean: %s?".formatted(String.join(" or ", shown)));
  }
}
