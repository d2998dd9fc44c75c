package io.axon.cli.commands;

import io.axon.cli.CliCommand;
import io.axon.cli.logs.LogRenderers;
import io.axon.cli.logs.TaskLogs;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code axon logs NAME [-f] [--raw]}. */
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

  @Option(names = "--raw", description = "Print the agent's output as it is, not rendered.")
  boolean raw;

  @Option(
      names = "--poll-interval",
      hidden = true,
      defaultValue = "1s",
      converter = DurationConverter.class)
  Duration pollInterval;

  @Override
  protected int execute() throws InterruptedException {
    return new TaskLogs(
            client(),
            namespace(),
            out(),
            err(),
            type -> LogRenderers.forType(type, raw, cli().color()),
            pollInterval,
            Duration.ofSeconds(60))
        .show(name, follow);
  }
}
