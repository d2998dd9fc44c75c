package io.axon.cli.commands;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The hidden {@code --poll-interval} of commands that wait on the cluster (install, uninstall,
 * logs, run): how often they look again. Tests set it short; people have no need to.
 */
public final class PollIntervalOption {

  @Option(
      names = "--poll-interval",
      hidden = true,
      defaultValue = "1s",
      converter = DurationConverter.class)
  Duration interval;
}
