package io.axon.cli.startup;

import io.axon.cli.AxonCli;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A guess, from the raw arguments, that the command will talk to the cluster and with which
 * kubeconfig and context. Making a Kubernetes client (reading the kubeconfig, loading keys) takes
 * about as long as picocli's reading of the command line, so {@link Main} starts the one on a
 * second thread while the other runs. The guess is only a hint: the command still asks for the
 * client it needs, and gets a fresh one when the guess was wrong.
 */
record ClientPrefetch(Path kubeconfig, String context) {

  private static final Set<String> CLUSTER_COMMANDS =
      Set.of("get", "describe", "logs", "wait", "delete", "run", "install", "uninstall", "version");

  /** Where a command that no cluster call follows is asked for, nothing is guessed. */
  private static final Set<String> NO_CLUSTER_FLAGS =
      Set.of("-h", "--help", "-V", "--version", "--local", "--client");

  static Optional<ClientPrefetch> guess(List<String> args) {
    Optional<String> command = AxonCli.commandName(args);
    if (command.isEmpty() || !CLUSTER_COMMANDS.contains(command.get())) {
      return Optional.empty();
    }
    Path kubeconfig = null;
    String context = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        break;
      }
      if (NO_CLUSTER_FLAGS.contains(arg)) {
        return Optional.empty();
      }
      String value = i + 1 < args.size() ? args.get(i + 1) : null;
      if (arg.equals("--kubeconfig") && value != null) {
        kubeconfig = Path.of(value);
      } else if (arg.startsWith("--kubeconfig=")) {
        kubeconfig = Path.of(arg.substring("--kubeconfig=".length()));
      } else if (arg.equals("--context") && value != null) {
        context = value;
      } else if (arg.startsWith("--context=")) {
        context = arg.substring("--context=".length());
      }
      if (AxonCli.ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
        i++;
      }
    }
    return Optional.of(new ClientPrefetch(kubeconfig, context));
  }
}
