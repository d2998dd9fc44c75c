package io.axon.cli.commands;

import io.axon.cli.CliCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code axon logs NAME [-f] [--raw] [-v]}. */
@Command(
    name = "logs",
    description = "Show a Task's agent log.",
    footer = {
      "",
      "While the Task's pod is not running yet, says so (and, with -f, waits for it).",
      "With -f, exits 1 if the Task fails."
    })
public final class LogsCommand extends CliCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The Task.")
  String name;

  @Option(
      names = {"-f", "--follow"},
      description = "Stream the log until the agent ends.")
  boolean follow;

  @Option(
      names = "--raw",
      description = "Print the agent's output as it is, not rendered (control characters removed).")
  boolean raw;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show every line of a command the agent ran, not just the first.")
  boolean verbose;

  @Mixin PollIntervalOption poll;

  @Override
  protected int execute() throws InterruptedException {
    return taskLogs(namespace(), raw, verbose, poll.interval).show(name, follow);
  }
}
