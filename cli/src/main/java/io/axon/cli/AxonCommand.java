package io.axon.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code axon}: the root command and the options every subcommand shares. Its subcommands are added
 * by {@link AxonCli}.
 */
@Command(
    name = "axon",
    description = "Run autonomous AI coding agents safely on Kubernetes.",
    versionProvider = Version.Provider.class,
    mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "COMMAND",
    footer = {
      "",
      "Start with `axon install`, then `axon init` and `axon run -p \"...\"`.",
      "Configuration: ~/.axon/config.yaml (see `axon init`). Flags win over the file."
    })
public final class AxonCommand implements Runnable {

  @Option(
      names = "--config",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "Config file (default: ~/.axon/config.yaml).")
  Path config;

  @Option(
      names = "--kubeconfig",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "Kubeconfig (default: $KUBECONFIG or ~/.kube/config).")
  Path kubeconfig;

  @Option(
      names = "--context",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "Kubeconfig context (default: the current one).")
  String context;

  @Option(
      names = {"-n", "--namespace"},
      scope = ScopeType.INHERIT,
      paramLabel = "NAMESPACE",
      description = "Namespace (default: `namespace` in the config file, else the context's).")
  String namespace;

  @Option(
      names = "--verbose",
      description = "Say on stderr which JVM runs the command and its start-up cache.")
  boolean verbose;

  @Spec CommandSpec spec;

  private final CliContext cli;

  public AxonCommand(CliContext cli) {
    this.cli = cli;
  }

  @Override
  public void run() {
    sayTheJvm();
    spec.commandLine().usage(cli.out(), colorScheme());
  }

  /**
   * With {@code --verbose}, the JVM this command runs on. The {@code axon} launcher says it itself,
   * with how it chose the JVM and the cache (it passes {@code -Daxon.launcher}); this covers {@code
   * java -jar axon.jar}.
   */
  void sayTheJvm() {
    if (verbose && System.getProperty("axon.launcher") == null) {
      cli.err()
          .printf(
              "axon: Java %s at %s (not through the axon launcher: no start-up cache)%n",
              Runtime.version(), System.getProperty("java.home"));
    }
  }

  public CliContext cli() {
    return cli;
  }

  /** The config file in use: {@code --config}, else {@code ~/.axon/config.yaml}. */
  public Path configPath() {
    return config != null ? config : cli.home().resolve(".axon").resolve("config.yaml");
  }

  /** The {@code --config} flag, or null. */
  public Path configFlag() {
    return config;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public String context() {
    return context;
  }

  /** The root options given on the command line, by their long names. */
  java.util.List<String> givenOptions() {
    java.util.List<String> given = new java.util.ArrayList<>();
    if (config != null) {
      given.add("--config");
    }
    if (kubeconfig != null) {
      given.add("--kubeconfig");
    }
    if (context != null) {
      given.add("--context");
    }
    if (namespace != null) {
      given.add("--namespace");
    }
    return given;
  }

  /** The {@code -n} flag, or null. */
  public String namespaceFlag() {
    return namespace;
  }

  private picocli.CommandLine.Help.ColorScheme colorScheme() {
    return picocli.CommandLine.Help.defaultColorScheme(
        cli.color() ? picocli.CommandLine.Help.Ansi.ON : picocli.CommandLine.Help.Ansi.OFF);
  }
}
