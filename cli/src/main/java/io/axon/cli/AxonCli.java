package io.axon.cli;

import picocli.CommandLine;

/** Assembles the {@code axon} command line around a {@link CliContext}. */
public final class AxonCli {
  private AxonCli() {}

  /** The command line, wired to the context's streams and error handlers. */
  public static CommandLine commandLine(CliContext cli) {
    CommandLine commandLine = new CommandLine(new AxonCommand(cli), new ContextFactory(cli));
    commandLine.setOut(cli.out());
    commandLine.setErr(cli.err());
    commandLine.setExecutionExceptionHandler(new ErrorHandler(cli));
    commandLine.setParameterExceptionHandler(new UsageErrorHandler(cli));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setColorScheme(
        CommandLine.Help.defaultColorScheme(
            cli.color() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    return commandLine;
  }

  /** Runs one command line and returns the exit code. */
  public static int run(CliContext cli, String... args) {
    int code = commandLine(cli).execute(args);
    cli.out().flush();
    cli.err().flush();
    return code;
  }

  /** Commands are built by picocli; this hands the root its context. */
  private static final class ContextFactory implements CommandLine.IFactory {
    private final CliContext cli;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    ContextFactory(CliContext cli) {
      this.cli = cli;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == AxonCommand.class) {
        return cls.cast(new AxonCommand(cli));
      }
      return fallback.create(cls);
    }
  }
}
