package io.axon.cli.commands;

import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Workspace;
import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import io.axon.cli.UserException;
import io.axon.client.render.TerminalText;
import io.axon.controller.spawner.PreviewItem;
import io.axon.controller.spawner.SpawnerConfigException;
import io.axon.controller.spawner.SpawnerPlan;
import io.axon.controller.spawner.SpawnerPreview;
import io.axon.controller.spawner.WorkspaceToken;
import io.axon.spi.source.HostServices;
import io.axon.spi.source.SkippedItem;
import io.axon.spi.source.WorkSourceException;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code axon spawner preview -f FILE}: what a TaskSpawner would create, creating nothing. */
@Command(
    name = "spawner",
    description = "Work with TaskSpawners.",
    subcommands = {SpawnerCommand.Preview.class})
public final class SpawnerCommand {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Command(
      name = "preview",
      description =
          "Poll a TaskSpawner's source once and show the Tasks it would create and their prompts."
              + " Creates nothing.",
      footer = {
        "",
        "The Workspace the spawner names is read from the same file when it is there, else from"
            + " the cluster. The token is $GITHUB_TOKEN when set, else the Workspace's Secret.",
        "",
        "Examples:",
        "  axon spawner preview -f examples/taskspawner.yaml",
        "  GITHUB_TOKEN=... axon spawner preview -f spawner-and-workspace.yaml"
      })
  public static final class Preview extends CliCommand {
    @Option(
        names = {"-f", "--filename"},
        required = true,
        paramLabel = "FILE",
        description = "YAML with the TaskSpawner (and optionally its Workspace).")
    Path file;

    @Option(
        names = "--api-url",
        paramLabel = "URL",
        description = "The source's API root, e.g. https://github.example.com/api/v3.")
    String apiURL;

    @Override
    protected int execute() {
      checkApiURL(apiURL);
      List<HasMetadata> objects = load(file);
      TaskSpawner spawner =
          objects.stream()
              .filter(TaskSpawner.class::isInstance)
              .map(TaskSpawner.class::cast)
              .findFirst()
              .orElseThrow(() -> new UserException(file + " holds no TaskSpawner"));
      if (spawner.getSpec() == null || spawner.getSpec().getWhen() == null) {
        throw new UserException(file + ": spec.when is required", ExitCodes.USAGE);
      }
      String workspaceName = spawner.getSpec().getWhen().workspaceName().orElse(null);
      boolean inFile =
          workspaceName != null
              && objects.stream()
                  .anyMatch(
                      o ->
                          o instanceof Workspace w
                              && workspaceName.equals(w.getMetadata().getName()));
      Workspace workspace =
          workspaceName == null
              ? null
              : objects.stream()
                  .filter(Workspace.class::isInstance)
                  .map(Workspace.class::cast)
                  .filter(w -> workspaceName.equals(w.getMetadata().getName()))
                  .findFirst()
                  .orElseGet(() -> clusterWorkspace(workspaceName));
      Map<String, Map<String, Object>> defaults =
          apiURL == null
              ? Map.of()
              : Map.of(
                  "githubIssues",
                  Map.of("apiBaseURL", apiURL),
                  "githubPullRequests",
                  Map.of("apiBaseURL", apiURL));
      List<PreviewItem> items;
      WorkSourceRegistry sources = WorkSourceRegistry.load();
      SpawnerPreview preview = new SpawnerPreview(sources, defaults, HostServices.none());
      try {
        // The Secret's token only toward the hosts its owner allowed, as the controller does.
        Optional<String> token =
            Optional.ofNullable(System.getenv("GITHUB_TOKEN"))
                .filter(t -> !t.isBlank())
                .or(
                    () ->
                        inFile || workspace == null
                            ? Optional.empty()
                            : WorkspaceToken.read(
                                client(), workspace, SpawnerPlan.of(spawner, sources, defaults)));
        items = preview.preview(spawner, workspace, token);
      } catch (SpawnerConfigException | WorkSourceException e) {
        throw new UserException(e.getMessage());
      }
      for (PreviewItem item : items) {
        // Issue titles and bodies are written by strangers.
        out()
            .println(
                "task/%s  #%s %s"
                    .formatted(
                        item.taskName(),
                        TerminalText.oneLine(item.id()),
                        TerminalText.oneLine(item.title())));
        out().println("  " + TerminalText.oneLine(item.url()));
        TerminalText.clean(item.prompt()).lines().forEach(line -> out().println("  | " + line));
        out().println();
      }
      for (SkippedItem skip : preview.skipped()) {
        out()
            .println(
                "skipped  #%s %s: %s"
                    .formatted(skip.item().id(), skip.item().title(), skip.reason()));
      }
      if (!preview.skipped().isEmpty()) {
        out().println();
      }
      out()
          .println(
              "%d item%s would become Tasks; nothing was created."
                  .formatted(items.size(), items.size() == 1 ? "" : "s"));
      return ExitCodes.OK;
    }

    /** Refuses what would otherwise fail at the first request, or silently mean github.com. */
    static void checkApiURL(String apiURL) {
      if (apiURL == null) {
        return;
      }
      URI uri = null;
      try {
        uri = new URI(apiURL.strip());
      } catch (URISyntaxException e) {
        // Reported below with the example.
      }
      boolean web =
          uri != null
              && ("https".equalsIgnoreCase(uri.getScheme())
                  || "http".equalsIgnoreCase(uri.getScheme()))
              && uri.getHost() != null
              && uri.getRawUserInfo() == null;
      if (!web) {
        throw new UserException(
            ("--api-url '%s' is not an API root: give an absolute URL such as"
                    + " https://github.example.com/api/v3, or leave the flag out for github.com")
                .formatted(uri != null && uri.getRawUserInfo() != null ? "<redacted>" : apiURL),
            ExitCodes.USAGE);
      }
    }

    private static List<HasMetadata> load(Path file) {
      try (InputStream in = Files.newInputStream(file)) {
        Object parsed = Serialization.unmarshal(in);
        if (parsed instanceof List<?> list) {
          return list.stream()
              .filter(HasMetadata.class::isInstance)
              .map(HasMetadata.class::cast)
              .toList();
        }
        if (parsed instanceof HasMetadata single) {
          return List.of(single);
        }
        throw new UserException(file + " holds no Kubernetes objects");
      } catch (NoSuchFileException e) {
        throw new UserException("no such file: " + file, ExitCodes.USAGE);
      } catch (IOException | RuntimeException e) {
        if (e instanceof UserException user) {
          throw user;
        }
        throw new UserException(
            "cannot read " + file + ": " + io.axon.cli.output.PlainMessages.of(e), ExitCodes.USAGE);
      }
    }

    private Workspace clusterWorkspace(String name) {
      Workspace found =
          client().resources(Workspace.class).inNamespace(namespace()).withName(name).get();
      if (found == null) {
        throw new UserException(
            "Workspace %s is neither in %s nor in namespace %s: add it to the file or create it"
                .formatted(name, file, namespace()));
      }
      return found;
    }
  }
}
