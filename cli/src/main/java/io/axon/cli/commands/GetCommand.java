package io.axon.cli.commands;

import io.axon.cli.AxonResources;
import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import io.axon.cli.ResourceKind;
import io.axon.cli.UserException;
import io.axon.cli.output.ObjectPrinter;
import io.axon.cli.output.OutputFormat;
import io.axon.cli.output.Rows;
import io.axon.cli.output.Table;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code axon get tasks|taskspawners|workspaces [NAME]}. */
@Command(
    name = "get",
    description = "List Tasks, TaskSpawners or Workspaces, or show one.",
    footer = {
      "",
      "Examples:",
      "  axon get tasks",
      "  axon get task fix-issue-42-x7k2p -o yaml",
      "  axon get taskspawners -A",
      "  axon get tasks -l axon.io/taskspawner=fix-bugs -o name",
      "  axon get tasks -w"
    })
public final class GetCommand extends CliCommand {

  @Parameters(
      index = "0",
      paramLabel = "KIND",
      converter = ResourceKind.Converter.class,
      completionCandidates = ResourceKind.Candidates.class,
      description = "tasks, taskspawners or workspaces (singular and short forms work too).")
  ResourceKind kind;

  @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Show only this one.")
  String name;

  @Option(
      names = {"-A", "--all-namespaces"},
      description = "List across all namespaces.")
  boolean allNamespaces;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "wide, yaml, json or name (kind/NAME a line).")
  OutputFormat output;

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description = "Only objects whose labels match (e.g. team=a,tier!=ci).")
  String selector;

  @Option(
      names = {"-w", "--watch"},
      description = "After listing, print each change until interrupted.")
  boolean watch;

  @Override
  protected int execute() throws InterruptedException {
    if (allNamespaces && name != null) {
      throw new UserException("a NAME cannot be combined with --all-namespaces", ExitCodes.USAGE);
    }
    if (selector != null && name != null) {
      throw new UserException("a NAME cannot be combined with -l", ExitCodes.USAGE);
    }
    String namespace = allNamespaces ? null : namespace();
    AxonResources resources = new AxonResources(client());
    List<HasMetadata> items = new ArrayList<>();
    String resourceVersion;
    if (name != null) {
      HasMetadata item = resources.require(kind, namespace, name);
      items.add(item);
      resourceVersion = item.getMetadata().getResourceVersion();
    } else {
      ListOptionsBuilder listOptions = new ListOptionsBuilder();
      if (selector != null) {
        listOptions.withLabelSelector(selector);
      }
      KubernetesResourceList<HasMetadata> list =
          scope(resources, namespace).list(listOptions.build());
      items.addAll(list.getItems());
      items.sort(
          Comparator.comparing((HasMetadata h) -> h.getMetadata().getNamespace())
              .thenComparing(h -> h.getMetadata().getName()));
      resourceVersion = list.getMetadata() == null ? null : list.getMetadata().getResourceVersion();
    }

    Rows rows = new Rows(kind, output == OutputFormat.wide, allNamespaces, cli().clock().instant());
    Table table = new Table(rows.header());
    if (output == OutputFormat.yaml || output == OutputFormat.json) {
      ObjectPrinter printer = new ObjectPrinter(client().getKubernetesSerialization());
      out()
          .print(name != null ? printer.print(output, items.get(0)) : printer.print(output, items));
      out().flush();
    } else if (output == OutputFormat.name) {
      items.forEach(item -> out().println(kind.singular() + "/" + item.getMetadata().getName()));
      out().flush();
    } else if (items.isEmpty() && !watch) {
      err()
          .println(
              allNamespaces
                  ? "No %ss found.".formatted(kind.singular())
                  : "No %ss found in namespace %s.".formatted(kind.singular(), namespace));
      err().flush();
      return ExitCodes.OK;
    } else {
      items.forEach(item -> table.add(rows.row(item)));
      table.print(out());
      out().flush();
      if (!allNamespaces) {
        sayNamespaceWhenNotTheContexts(namespace);
      }
    }
    return watch ? watch(resources, namespace, resourceVersion, table) : ExitCodes.OK;
  }

  /**
   * The config file's namespace beats the context's: say so, or `axon get` and `kubectl get` seem
   * to disagree. On standard error, so that the table stays as it is for scripts.
   */
  private void sayNamespaceWhenNotTheContexts(String namespace) {
    if (root().namespaceFlag() != null || config().config().namespace().isEmpty()) {
      return;
    }
    String contexts = client().getNamespace();
    contexts = contexts == null || contexts.isBlank() ? "default" : contexts;
    if (!contexts.equals(namespace)) {
      err()
          .println(
              "Namespace %s (from the config file; the kubeconfig context's is %s)."
                  .formatted(namespace, contexts));
      err().flush();
    }
  }

  private FilterWatchListDeletable<
          HasMetadata, KubernetesResourceList<HasMetadata>, Resource<HasMetadata>>
      scope(AxonResources resources, String namespace) {
    return allNamespaces
        ? resources.of(kind).inAnyNamespace()
        : resources.of(kind).inNamespace(namespace);
  }

  /** Prints a row (or an object) per change until the watch ends or the thread is interrupted. */
  private int watch(AxonResources resources, String namespace, String resourceVersion, Table table)
      throws InterruptedException {
    ListOptionsBuilder options = new ListOptionsBuilder().withResourceVersion(resourceVersion);
    if (name != null) {
      options.withFieldSelector("metadata.name=" + name);
    }
    if (selector != null) {
      options.withLabelSelector(selector);
    }
    ListOptions listOptions = options.build();
    CountDownLatch closed = new CountDownLatch(1);
    AtomicReference<WatcherException> failure = new AtomicReference<>();
    ObjectPrinter printer = new ObjectPrinter(client().getKubernetesSerialization());
    Watcher<HasMetadata> watcher =
        new Watcher<>() {
          @Override
          public void eventReceived(Action action, HasMetadata resource) {
            if (action == Action.BOOKMARK || action == Action.ERROR) {
              return;
            }
            Rows rows =
                new Rows(kind, output == OutputFormat.wide, allNamespaces, cli().clock().instant());
            synchronized (out()) {
              if (output == OutputFormat.yaml) {
                out().print("---\n" + printer.print(output, resource));
                out().flush();
              } else if (output == OutputFormat.json) {
                out().print(printer.print(output, resource));
                out().flush();
              } else if (output == OutputFormat.name) {
                out().println(kind.singular() + "/" + resource.getMetadata().getName());
                out().flush();
              } else {
                table.printRow(out(), rows.row(resource));
              }
            }
          }

          @Override
          public void onClose(WatcherException cause) {
            failure.set(cause);
            closed.countDown();
          }

          @Override
          public void onClose() {
            closed.countDown();
          }
        };
    try (Watch ignored = scope(resources, namespace).watch(listOptions, watcher)) {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.OK;
    }
    if (failure.get() != null) {
      throw new UserException("the watch ended: " + failure.get().getMessage());
    }
    return ExitCodes.OK;
  }
}
