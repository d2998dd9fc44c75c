package io.axon.cli.commands;

import io.axon.cli.AxonJson;
import io.axon.cli.AxonResources;
import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import io.axon.cli.ResourceKind;
import io.axon.cli.UserException;
import io.axon.cli.output.JsonPathTemplate;
import io.axon.cli.output.ObjectPrinter;
import io.axon.cli.output.OutputFormat;
import io.axon.cli.output.Rows;
import io.axon.cli.output.Table;
import io.axon.client.render.TerminalText;
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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

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
      "  axon get tasks -w",
      "  axon get axon",
      "  axon get tasks --sort-by .metadata.creationTimestamp"
    })
public final class GetCommand extends CliCommand {

  @Parameters(
      index = "0",
      paramLabel = "KIND",
      completionCandidates = KindCandidates.class,
      description =
          "tasks, taskspawners or workspaces (singular and short forms work too), or axon for"
              + " every kind.")
  String kindName;

  /** The one kind listed; null with {@code axon}, every kind. */
  private ResourceKind kind;

  @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Show only this one.")
  String name;

  @Option(
      names = {"-A", "--all-namespaces"},
      description = "List across all namespaces.")
  boolean allNamespaces;

  OutputFormat output;

  @Spec CommandSpec commandSpec;

  /** With {@code -o jsonpath=TEMPLATE}. */
  private JsonPathTemplate jsonPath;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description =
          "wide, yaml, json, name (kind/NAME a line) or jsonpath=TEMPLATE (kubectl's, e.g."
              + " '{.items[*].metadata.name}' or '{range .items[*]}{.metadata.name}{\"\\n\"}{end}').")
  void output(String value) {
    if (value.startsWith("jsonpath=") || value.startsWith("jsonpath:")) {
      try {
        jsonPath = JsonPathTemplate.parse(value.substring("jsonpath=".length()));
      } catch (UserException e) {
        throw new ParameterException(commandSpec.commandLine(), e.getMessage());
      }
      output = OutputFormat.jsonpath;
      return;
    }
    try {
      output = OutputFormat.valueOf(value);
      jsonPath = null;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          commandSpec.commandLine(),
          "-o %s: use wide, yaml, json, name or jsonpath=TEMPLATE"
              .formatted(TerminalText.oneLine(value)));
    }
  }

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description = "Only objects whose labels match (e.g. team=a,tier!=ci).")
  String selector;

  @Option(
      names = {"-w", "--watch"},
      description = "After listing, print each change until interrupted.")
  boolean watch;

  @Option(
      names = "--sort-by",
      paramLabel = "FIELD",
      description = "Sort by a field, e.g. .metadata.creationTimestamp or .status.phase.")
  String sortBy;

  /** {@code axon get axon} lists every kind, as {@code kubectl get axon} does. */
  private static final java.util.Set<String> EVERY_KIND = java.util.Set.of("axon", "all");

  @Override
  protected int execute() throws InterruptedException {
    if (EVERY_KIND.contains(kindName.toLowerCase(java.util.Locale.ROOT))) {
      return everyKind();
    }
    try {
      kind = ResourceKind.parse(kindName);
    } catch (picocli.CommandLine.TypeConversionException e) {
      throw new UserException(
          e.getMessage().replace("use one of", "use axon or one of"), ExitCodes.USAGE);
    }
    if (allNamespaces && name != null) {
      throw new UserException("a NAME cannot be combined with --all-namespaces", ExitCodes.USAGE);
    }
    if (selector != null && name != null) {
      throw new UserException("a NAME cannot be combined with -l", ExitCodes.USAGE);
    }
    String namespace = allNamespaces ? null : namespace();
    AxonResources resources = new AxonResources(client());
    AxonJson json = new AxonJson(client());
    if (!typed(output)) {
      return table(resources, json, namespace);
    }
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
      items.addAll(sorted(list.getItems(), json));
      resourceVersion = list.getMetadata() == null ? null : list.getMetadata().getResourceVersion();
    }
    ObjectPrinter printer = new ObjectPrinter(client().getKubernetesSerialization());
    if (output == OutputFormat.jsonpath) {
      String printed =
          name != null
              ? printer.print(OutputFormat.json, items.get(0))
              : printer.print(OutputFormat.json, items);
      out().print(jsonPath.apply(printed));
    } else {
      out()
          .print(name != null ? printer.print(output, items.get(0)) : printer.print(output, items));
    }
    out().flush();
    return watch ? watch(resources, json, namespace, resourceVersion, null) : ExitCodes.OK;
  }

  /**
   * Whether the format prints whole objects, read through the typed model as they always were; the
   * tables and {@code -o name} read only a few fields, from the JSON ({@link AxonJson}).
   */
  private static boolean typed(OutputFormat output) {
    return output == OutputFormat.yaml
        || output == OutputFormat.json
        || output == OutputFormat.jsonpath;
  }

  /** {@code get KIND [NAME]} as a table or as names. */
  private int table(AxonResources resources, AxonJson json, String namespace)
      throws InterruptedException {
    List<JsonNode> items = new ArrayList<>();
    String resourceVersion;
    if (name != null) {
      JsonNode item = json.require(kind, namespace, name);
      items.add(item);
      resourceVersion = textOrNull(item.path("metadata").path("resourceVersion"));
    } else {
      JsonNode list = json.list(kind, namespace, selector);
      items.addAll(sorted(list.path("items")));
      resourceVersion = textOrNull(list.path("metadata").path("resourceVersion"));
    }

    Rows rows = new Rows(kind, output == OutputFormat.wide, allNamespaces, cli().clock().instant());
    Table table = new Table(rows.header());
    if (output == OutputFormat.name) {
      items.forEach(item -> out().println(kind.singular() + "/" + nameOf(item)));
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
    return watch ? watch(resources, json, namespace, resourceVersion, table) : ExitCodes.OK;
  }

  /** {@code get axon}: a table per kind, names as {@code kind/NAME}, or one yaml/json/name list. */
  private int everyKind() {
    if (name != null || watch) {
      throw new UserException("get axon takes no NAME and no -w", ExitCodes.USAGE);
    }
    String namespace = allNamespaces ? null : namespace();
    AxonResources resources = new AxonResources(client());
    AxonJson json = new AxonJson(client());
    List<HasMetadata> all = new ArrayList<>();
    int found = 0;
    boolean printed = false;
    for (ResourceKind each : ResourceKind.values()) {
      kind = each;
      if (typed(output)) {
        ListOptionsBuilder listOptions = new ListOptionsBuilder();
        if (selector != null) {
          listOptions.withLabelSelector(selector);
        }
        List<HasMetadata> items =
            sorted(scope(resources, namespace).list(listOptions.build()).getItems(), json);
        all.addAll(items);
        found += items.size();
        continue;
      }
      List<JsonNode> items = sorted(json.list(each, namespace, selector).path("items"));
      found += items.size();
      if (output == OutputFormat.name) {
        items.forEach(item -> out().println(each.singular() + "/" + nameOf(item)));
      } else if (!items.isEmpty()) {
        Rows rows =
            new Rows(each, output == OutputFormat.wide, allNamespaces, cli().clock().instant());
        Table table = new Table(rows.header());
        int nameColumn = allNamespaces ? 1 : 0;
        for (JsonNode item : items) {
          List<String> row = new ArrayList<>(rows.row(item));
          row.set(nameColumn, each.singular() + "/" + row.get(nameColumn));
          table.add(row);
        }
        if (printed) {
          out().println();
        }
        table.print(out());
        printed = true;
      }
    }
    if (output == OutputFormat.jsonpath) {
      out()
          .print(
              jsonPath.apply(
                  new ObjectPrinter(client().getKubernetesSerialization())
                      .print(OutputFormat.json, all)));
    } else if (output == OutputFormat.yaml || output == OutputFormat.json) {
      out().print(new ObjectPrinter(client().getKubernetesSerialization()).print(output, all));
    } else if (found == 0) {
      err()
          .println(
              allNamespaces
                  ? "No Axon objects found."
                  : "No Axon objects found in namespace %s.".formatted(namespace));
    }
    out().flush();
    if (!allNamespaces && found > 0 && (output == null || output == OutputFormat.wide)) {
      sayNamespaceWhenNotTheContexts(namespace);
    }
    return ExitCodes.OK;
  }

  /** Typed objects in the order of {@link #sorted(List, Function, Function, Function)}. */
  private List<HasMetadata> sorted(List<HasMetadata> items, AxonJson json) {
    return sorted(
        items, h -> h.getMetadata().getNamespace(), h -> h.getMetadata().getName(), json::tree);
  }

  /** A list's {@code items} in the order of {@link #sorted(List, Function, Function, Function)}. */
  private List<JsonNode> sorted(JsonNode items) {
    List<JsonNode> list = new ArrayList<>();
    items.forEach(list::add);
    return sorted(
        list,
        item -> item.path("metadata").path("namespace").asString(),
        GetCommand::nameOf,
        item -> item);
  }

  /** By namespace and name, or by {@code --sort-by}'s field (missing values last). */
  private <T> List<T> sorted(
      List<T> items,
      Function<T, String> namespaceOf,
      Function<T, String> nameOf,
      Function<T, JsonNode> asJson) {
    Comparator<T> byName = Comparator.comparing(namespaceOf).thenComparing(nameOf);
    if (sortBy == null) {
      return items.stream().sorted(byName).toList();
    }
    if (!sortBy.matches("\\{?\\.?[A-Za-z0-9_.-]+}?")) {
      throw new UserException(
          "--sort-by " + sortBy + ": name a field such as .metadata.creationTimestamp",
          ExitCodes.USAGE);
    }
    tools.jackson.core.JsonPointer pointer =
        tools.jackson.core.JsonPointer.compile(
            "/" + sortBy.replaceAll("^\\{?\\.?|}$", "").replace('.', '/'));
    Map<T, JsonNode> keys = new IdentityHashMap<>();
    for (T item : items) {
      keys.put(item, asJson.apply(item).at(pointer));
    }
    Comparator<JsonNode> byValue =
        (a, b) -> {
          if (a.isMissingNode() || a.isNull()) {
            return b.isMissingNode() || b.isNull() ? 0 : 1;
          }
          if (b.isMissingNode() || b.isNull()) {
            return -1;
          }
          if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
          }
          return a.asString().compareTo(b.asString());
        };
    return items.stream()
        .sorted(Comparator.comparing((T item) -> keys.get(item), byValue).thenComparing(byName))
        .toList();
  }

  private static String nameOf(JsonNode item) {
    return item.path("metadata").path("name").asString();
  }

  /** A scalar's text, or null for a missing or null one. */
  private static String textOrNull(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asString();
  }

  /** For shell completion: the kinds, and axon for all of them. */
  static final class KindCandidates implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("tasks", "taskspawners", "workspaces", "axon").iterator();
    }
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
  private int watch(
      AxonResources resources, AxonJson json, String namespace, String resourceVersion, Table table)
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
              } else if (output == OutputFormat.jsonpath) {
                out().println(jsonPath.apply(printer.print(OutputFormat.json, resource)));
                out().flush();
              } else if (output == OutputFormat.name) {
                out().println(kind.singular() + "/" + resource.getMetadata().getName());
                out().flush();
              } else {
                table.printRow(out(), rows.row(json.tree(resource)));
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
