package io.axon.cli.commands;

import io.axon.api.v1alpha1.Task;
import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code axon __complete tasks|namespaces|contexts}: the candidates the completion scripts offer,
 * one a line. A shell waits on it at every TAB, so it gives up after {@link #TIMEOUT} (or {@code
 * $AXON_COMPLETE_TIMEOUT}, e.g. 10s) and prints nothing on any error: a completion never shows a
 * message or a stack trace.
 */
@Command(name = "__complete", hidden = true)
public final class CompleteCommand extends CliCommand {
  /** How long a TAB may wait for the API server. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** What to list. */
  enum What {
    tasks,
    namespaces,
    contexts
  }

  @Parameters(index = "0", paramLabel = "WHAT")
  What what;

  @Override
  protected int execute() {
    CompletableFuture<List<String>> candidates = CompletableFuture.supplyAsync(this::candidates);
    try {
      candidates.get(timeout().toMillis(), TimeUnit.MILLISECONDS).forEach(out()::println);
    } catch (Exception e) {
      // Nothing to offer: the shell falls back to no candidates.
      candidates.cancel(true);
    }
    out().flush();
    return ExitCodes.OK;
  }

  private Duration timeout() {
    String given = cli().env().get("AXON_COMPLETE_TIMEOUT");
    try {
      return given == null || given.isBlank() ? TIMEOUT : new DurationConverter().convert(given);
    } catch (RuntimeException e) {
      return TIMEOUT;
    }
  }

  private List<String> candidates() {
    return switch (what) {
      case tasks ->
          names(client().resources(Task.class).inNamespace(namespace()).list().getItems());
      case namespaces -> names(client().namespaces().list().getItems());
      case contexts -> contexts();
    };
  }

  private List<String> contexts() {
    Config config =
        root().kubeconfig() != null
            ? Config.fromKubeconfig(null, root().kubeconfig().toFile())
            : Config.autoConfigure(null);
    return config.getContexts() == null
        ? List.of()
        : config.getContexts().stream().map(NamedContext::getName).sorted().toList();
  }

  private static List<String> names(List<? extends HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getName()).sorted().toList();
  }
}
