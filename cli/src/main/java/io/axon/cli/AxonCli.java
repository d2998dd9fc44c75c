package io.axon.cli;

import io.axon.cli.commands.CompleteCommand;
import io.axon.cli.commands.CompletionCommand;
import io.axon.cli.commands.DeleteCommand;
import io.axon.cli.commands.DescribeCommand;
import io.axon.cli.commands.GetCommand;
import io.axon.cli.commands.InitCommand;
import io.axon.cli.commands.InstallCommand;
import io.axon.cli.commands.LocalCommand;
import io.axon.cli.commands.LogsCommand;
import io.axon.cli.commands.RunCommand;
import io.axon.cli.commands.SpawnerCommand;
import io.axon.cli.commands.UninstallCommand;
import io.axon.cli.commands.VersionCommand;
import io.axon.cli.commands.WaitCommand;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Assembles the {@code axon} command line around a {@link CliContext}. */
public final class AxonCli {
  /** The subcommands, in the order {@code axon --help} lists them. */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          InstallCommand.class,
          UninstallCommand.class,
          InitCommand.class,
          RunCommand.class,
          LocalCommand.class,
          GetCommand.class,
          DescribeCommand.class,
          LogsCommand.class,
          WaitCommand.class,
          DeleteCommand.class,
          SpawnerCommand.class,
          VersionCommand.class,
          CompletionCommand.class,
          CommandLine.HelpCommand.class,
          CompleteCommand.class);

  /** Commands that describe the whole tree, so that every command must be registered. */
  private static final Set<String> WHOLE_TREE = Set.of("completion", "help");

  /**
   * Root options that mean nothing to a command: its help does not list them, and given before the
   * command's name they are refused rather than silently ignored.
   */
  static final Map<String, Set<String>> UNUSED_ROOT_OPTIONS =
      Map.of(
          "install", Set.of("--config", "--namespace"),
          "uninstall", Set.of("--config", "--namespace"),
          "init", Set.of("--kubeconfig", "--context", "--namespace"),
          "version", Set.of("--config", "--namespace"),
          "completion", Set.of("--config", "--kubeconfig", "--context", "--namespace"),
          "help", Set.of("--config", "--kubeconfig", "--context", "--namespace"));

  /** Root options that take a value, so that the value is not read as the command's name. */
  public static final Set<String> ROOT_OPTIONS_WITH_VALUE =
      Set.of("--config", "--kubeconfig", "--context", "-n", "--namespace");

  /** Root flags that print something about the whole tree when they come before a command. */
  private static final Set<String> ROOT_FLAGS = Set.of("-h", "--help", "-V", "--version");

  private AxonCli() {}

  /**
   * The command line for {@code args}, wired to the context's streams and error handlers. picocli
   * reads every registered command's annotations up front (about 30 ms for all of them), so only
   * the command {@code args} name is registered; the whole tree when they name none, name an
   * unknown one (for picocli's suggestions) or ask for something that describes the whole tree.
   */
  public static CommandLine commandLine(CliContext cli, String... args) {
    CommandLine commandLine = new CommandLine(new AxonCommand(cli), new ContextFactory(cli));
    Optional<String> named = commandName(List.of(args));
    List<Class<?>> wanted =
        SUBCOMMANDS.stream().filter(type -> named.equals(Optional.of(name(type)))).toList();
    boolean wholeTree = wanted.isEmpty() || WHOLE_TREE.contains(named.get());
    (wholeTree ? SUBCOMMANDS : wanted).forEach(commandLine::addSubcommand);
    removeUnusedRootOptions(commandLine);
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
    int code = commandLine(cli, args).execute(args);
    cli.out().flush();
    cli.err().flush();
    return code;
  }

  private static void removeUnusedRootOptions(CommandLine commandLine) {
    UNUSED_ROOT_OPTIONS.forEach(
        (command, options) -> {
          CommandLine sub = commandLine.getSubcommands().get(command);
          if (sub != null) {
            options.forEach(
                option -> sub.getCommandSpec().remove(sub.getCommandSpec().findOption(option)));
          }
        });
  }

  private static String name(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  /**
   * The first argument that is not a root option or an option's value: the command's name, if the
   * line has one. Empty when a root flag that describes the whole tree comes first.
   */
  public static Optional<String> commandName(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--") || ROOT_FLAGS.contains(arg)) {
        return Optional.empty();
      }
      if (ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
        i++;
      } else if (!arg.startsWith("-")) {
        return Optional.of(arg);
      }
    }
    return Optional.empty();
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
