package io.axon.cli.commands;

import io.axon.api.v1alpha1.Credentials;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.axon.cli.AxonResources;
import io.axon.cli.CliCommand;
import io.axon.cli.ExitCodes;
import io.axon.cli.ResourceKind;
import io.axon.cli.UserException;
import io.axon.cli.local.LocalRunner;
import io.axon.cli.run.LocalRunOptions;
import io.axon.cli.run.ManagedObjects;
import io.axon.cli.run.TaskNames;
import io.axon.cli.run.WorkspaceNames;
import io.axon.client.config.CredentialSource;
import io.axon.client.config.RunFlags;
import io.axon.client.config.RunSettings;
import io.axon.client.config.WorkspaceSource;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code axon run -p PROMPT}: creates a Task. */
@Command(
    name = "run",
    description = "Run an agent: create a Task from a prompt.",
    footer = {
      "",
      "Credentials: --secret > `secret` > `oauthToken`/`apiKey` in the config file.",
      "From a token axon creates (or updates) the Secret "
          + ManagedObjects.CREDENTIALS_SECRET
          + ".",
      "Workspace: --workspace > `workspace.name` > `workspace.repo` (axon creates it).",
      "",
      "Examples:",
      "  axon run -p \"Fix the bug described in issue #42 and open a PR with the fix\"",
      "  axon run -p \"Add unit tests\" --workspace my-workspace -f",
      "  axon run -p \"Fix bug\" --secret other-secret --credential-type api-key"
    })
public final class RunCommand extends CliCommand {
  private static final String DEFAULT_TYPE = "claude-code";

  @Option(
      names = {"-p", "--prompt"},
      required = true,
      paramLabel = "PROMPT",
      description = "What the agent should do; passed to it byte for byte.")
  String prompt;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Task name (default: the prompt's first words and a random suffix).")
  String name;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      defaultValue = DEFAULT_TYPE,
      description = "Agent type (default: ${DEFAULT-VALUE}).")
  String type;

  @Option(names = "--model", paramLabel = "MODEL", description = "Model override.")
  String model;

  @Option(
      names = "--workspace",
      paramLabel = "NAME",
      description = "An existing Workspace to clone (overrides the config file).")
  String workspace;

  @Option(
      names = "--secret",
      paramLabel = "NAME",
      description = "An existing Secret with the agent's credentials (overrides the config file).")
  String secret;

  @Option(
      names = "--credential-type",
      paramLabel = "TYPE",
      converter = CredentialTypeConverter.class,
      description = "What --secret holds: api-key (default) or oauth.")
  CredentialType credentialType;

  @Option(
      names = {"-f", "--follow"},
      description = "Stream the Task's log at once; exit 1 if the Task fails.")
  boolean follow;

  @Option(
      names = "--local",
      description =
          "Run the agent on this machine in a bubblewrap sandbox instead of on a cluster;"
              + " --workspace is then a repository URL or a local path.")
  boolean local;

  @Option(
      names = "--no-sandbox",
      description = "With --local: run without bubblewrap (not recommended; prints a warning).")
  boolean noSandbox;

  @Option(
      names = "--max-turns",
      paramLabel = "N",
      description = "With --local: stop the agent after N turns.")
  Integer maxTurns;

  @Option(
      names = "--allow-host",
      paramLabel = "HOST[:PORT]",
      description =
          "With --local: let the sandbox reach HOST:PORT (default port 443) besides the model API"
              + " and the workspace's git host. Repeatable.")
  List<String> allowHosts = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "With --local: stop the run after this long (default: 30m).")
  Duration timeout;

  @Mixin PollIntervalOption poll;

  @Override
  protected int execute() throws InterruptedException {
    if (prompt.isBlank()) {
      throw new UserException("the prompt is empty", ExitCodes.USAGE);
    }
    if (name != null && TaskNames.problem(name) != null) {
      throw new UserException("--name " + name + ": " + TaskNames.problem(name), ExitCodes.USAGE);
    }
    if (!TaskNames.VALID.matcher(type).matches()) {
      throw new UserException("--type " + type + " is not an agent type name", ExitCodes.USAGE);
    }
    if (local) {
      return runLocally();
    }
    if (noSandbox || maxTurns != null || !allowHosts.isEmpty() || timeout != null) {
      throw new UserException(
          "--no-sandbox, --max-turns, --allow-host and --timeout go with --local", ExitCodes.USAGE);
    }
    RunSettings settings =
        RunSettings.resolve(
            config().config(),
            new RunFlags(
                Optional.ofNullable(secret),
                Optional.ofNullable(credentialType),
                Optional.ofNullable(workspace),
                Optional.ofNullable(model),
                Optional.ofNullable(root().namespaceFlag())));
    settings.notes().forEach(note -> err().println("note: " + note));
    err().flush();
    String namespace = settings.namespace().orElseGet(this::namespace);
    // Checked first so that a cluster without Axon is not left with a Secret and no Task.
    new AxonResources(client()).requireInstalled(ResourceKind.TASK, namespace);
    ManagedObjects managed = new ManagedObjects(client(), namespace);

    String secretName = credentialsSecret(settings.credentials(), managed);
    String workspaceName =
        settings.workspace().map(ws -> workspace(ws, managed, namespace)).orElse(null);

    String taskName = name != null ? name : TaskNames.fromPrompt(prompt, new SecureRandom());
    Task task = new Task();
    task.setMetadata(new ObjectMetaBuilder().withName(taskName).withNamespace(namespace).build());
    TaskSpec spec = new TaskSpec();
    spec.setType(type);
    spec.setPrompt(prompt);
    spec.setCredentials(new Credentials(settings.credentials().type(), secretName));
    settings.model().ifPresent(spec::setModel);
    if (workspaceName != null) {
      spec.setWorkspaceRef(new LocalObjectReference(workspaceName));
    }
    task.setSpec(spec);
    try {
      client().resources(Task.class).inNamespace(namespace).resource(task).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new UserException(
            "task %s already exists in namespace %s: choose another --name"
                .formatted(taskName, namespace));
      }
      throw e;
    }
    out().println("task/" + taskName + " created");
    out().flush();
    if (!follow) {
      return ExitCodes.OK;
    }
    return taskLogs(namespace, false, poll.interval).show(taskName, true);
  }

  private int runLocally() {
    AgentRuntime runtime =
        AgentRegistry.load()
            .find(type)
            .orElseThrow(
                () ->
                    new UserException(
                        "unknown agent type '%s' (installed: %s)"
                            .formatted(type, String.join(", ", AgentRegistry.load().types())),
                        ExitCodes.USAGE));
    LocalRunner.Options options =
        LocalRunOptions.resolve(
                runtime,
                prompt,
                Optional.ofNullable(model),
                Optional.ofNullable(workspace),
                Optional.ofNullable(maxTurns),
                !noSandbox,
                config().config(),
                cli().env())
            .withLimits(
                allowHosts, timeout == null ? LocalRunner.Options.DEFAULT_TIMEOUT : timeout);
    out().flush();
    err().flush();
    return new LocalRunner().run(options, out(), err(), cli().color());
  }

  /** The Secret the Task reads its credentials from; made from a config token when need be. */
  private String credentialsSecret(CredentialSource source, ManagedObjects managed) {
    if (source instanceof CredentialSource.ExistingSecret existing) {
      return existing.name();
    }
    CredentialSource.Token token = (CredentialSource.Token) source;
    String key = credentialKey(token.type());
    report(
        "secret",
        ManagedObjects.CREDENTIALS_SECRET,
        managed.applySecret(ManagedObjects.CREDENTIALS_SECRET, Map.of(key, token.token())));
    return ManagedObjects.CREDENTIALS_SECRET;
  }

  private String workspace(WorkspaceSource source, ManagedObjects managed, String namespace) {
    if (source instanceof WorkspaceSource.Existing existing) {
      new AxonResources(client()).require(ResourceKind.WORKSPACE, namespace, existing.name());
      return existing.name();
    }
    WorkspaceSource.Inline inline = (WorkspaceSource.Inline) source;
    String workspaceName = WorkspaceNames.fromRepo(inline.repo());
    WorkspaceSpec spec = new WorkspaceSpec(inline.repo(), inline.ref().orElse(null));
    if (inline.token().isPresent()) {
      String secretName = WorkspaceNames.secretName(workspaceName);
      report(
          "secret",
          secretName,
          managed.applySecret(secretName, Map.of("GITHUB_TOKEN", inline.token().get())));
      spec.setSecretRef(new LocalObjectReference(secretName));
    }
    report("workspace", workspaceName, managed.applyWorkspace(workspaceName, spec));
    return workspaceName;
  }

  /**
   * The Secret key the agent reads a credential from: the agent plugin says, else Claude Code's
   * variable names.
   */
  private String credentialKey(CredentialType credential) {
    return AgentRegistry.load()
        .find(type)
        .map(runtime -> runtime.credentialEnvVar(credential))
        .orElse(
            credential == CredentialType.OAUTH ? "CLAUDE_CODE_OAUTH_TOKEN" : "ANTHROPIC_API_KEY");
  }

  private void report(String kind, String objectName, ManagedObjects.Outcome outcome) {
    if (outcome != ManagedObjects.Outcome.unchanged) {
      out().println(kind + "/" + objectName + " " + outcome);
    }
  }

  /** Parses {@code api-key} and {@code oauth}. */
  static final class CredentialTypeConverter implements ITypeConverter<CredentialType> {
    @Override
    public CredentialType convert(String value) {
      return CredentialType.fromValue(value)
          .orElseThrow(
              () -> new TypeConversionException("'" + value + "' is not api-key or oauth"));
    }
  }
}
