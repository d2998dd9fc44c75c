package io.axon.cli;

import io.axon.cli.logs.LogRenderers;
import io.axon.cli.logs.TaskLogs;
import io.axon.client.config.ConfigFile;
import io.axon.client.config.ConfigWarning;
import io.axon.client.config.LoadedConfig;
import io.axon.client.render.TerminalText;
import io.axon.install.NamespacedRbac;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The base of every subcommand: the root's shared options, the config file (read once, its warnings
 * printed once), the Kubernetes client (made on first use) and the namespace to work in.
 */
public abstract class CliCommand implements Callable<Integer> {

  /** How long a followed log waits, once the agent's output ends, for the Task's final phase. */
  private static final Duration LOG_FINISH_TIMEOUT = Duration.ofSeconds(60);

  /** How long a followed log waits for the controller to notice a Task before saying so. */
  private static final Duration CONTROLLER_HINT_AFTER = Duration.ofSeconds(5);

  @Spec private CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  private boolean help;

  private LoadedConfig config;
  private KubernetesClient client;

  /** What the command does; returns the exit code. */
  protected abstract int execute() throws Exception;

  @Override
  public final Integer call() throws Exception {
    root().sayTheJvm();
    java.util.Set<String> unused =
        AxonCli.UNUSED_ROOT_OPTIONS.getOrDefault(spec.name(), java.util.Set.of());
    for (String option : root().givenOptions()) {
      if (unused.contains(option)) {
        throw new UserException(
            "%s does not apply to `axon %s`".formatted(option, spec.name()), ExitCodes.USAGE);
      }
    }
    return execute();
  }

  protected CliContext cli() {
    return root().cli();
  }

  protected AxonCommand root() {
    // The root, however deep this command sits (axon spawner preview is two levels down).
    return (AxonCommand) spec.root().userObject();
  }

  protected PrintWriter out() {
    return cli().out();
  }

  protected PrintWriter err() {
    return cli().err();
  }

  /** The config file, read on first use; unknown keys are warned about on standard error. */
  protected LoadedConfig config() {
    if (config == null) {
      config = ConfigFile.read(root().configPath());
      if (!config.exists() && root().configFlag() != null) {
        throw new UserException(
            "config file %s does not exist (it was named by --config); `axon init --config %s`"
                    .formatted(config.file(), config.file())
                + " writes one");
      }
      for (ConfigWarning warning : config.warnings()) {
        err().println("warning: " + warning);
      }
      err().flush();
    }
    return config;
  }

  /** The Kubernetes client, made on first use. */
  protected KubernetesClient client() {
    if (client == null) {
      client = cli().clients().create(root().kubeconfig(), root().context());
      cli().apiUrl(client.getMasterUrl().toString());
    }
    return client;
  }

  /**
   * A Task's log as people read it (or {@code raw}), looked at again every {@code pollInterval}
   * while the pod is not there yet.
   */
  protected TaskLogs taskLogs(String namespace, boolean raw, Duration pollInterval) {
    return taskLogs(namespace, raw, false, pollInterval);
  }

  /** As above; {@code verbose} shows every line of a tool's command. */
  protected TaskLogs taskLogs(
      String namespace, boolean raw, boolean verbose, Duration pollInterval) {
    return new TaskLogs(
        client(),
        namespace,
        out(),
        err(),
        (type, model) -> LogRenderers.forType(type, model, raw, verbose, cli().color()),
        pollInterval,
        LOG_FINISH_TIMEOUT,
        CONTROLLER_HINT_AFTER,
        cli().clock());
  }

  /** {@code -n}, else {@code namespace} in the config file, else the context's, else default. */
  protected String namespace() {
    String namespace =
        root().namespaceFlag() != null
            ? root().namespaceFlag()
            : config()
                .config()
                .namespace()
                .orElseGet(
                    () -> {
                      String fromContext = client().getNamespace();
                      return fromContext == null || fromContext.isBlank() ? "default" : fromContext;
                    });
    // It becomes a segment of the requests' paths: "..", or a '/' in it, must not reach others.
    if (!NamespacedRbac.isNamespaceName(namespace)) {
      throw new UserException(
          ("namespace \"%s\" is not a namespace name (lower-case letters, digits and '-', at most"
                  + " 63)")
              .formatted(TerminalText.oneLine(namespace)),
          ExitCodes.USAGE);
    }
    return namespace;
  }
}
