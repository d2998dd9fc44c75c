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
import io.axon.cli.output.ObjectPrinter;
import io.axon.cli.output.OutputFormat;
import io.axon.cli.run.ControllerLease;
import io.axon.cli.run.FromSpawner;
import io.axon.cli.run.LocalRunOptions;
import io.axon.cli.run.ManagedObjects;
import io.axon.cli.run.PipelineOptions;
import io.axon.cli.run.PromptInput;
import io.axon.cli.run.RunClusterOptions;
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
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Stack;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code axon run -p PROMPT}: creates a Task. */
@Command(
    name = "run",
    description = "Run an agent: create a Task from a prompt.",
    footer = {
      "",
      "Credentials: --secret > `secret` > `oauthToken`/`apiKey` in the config file.",
      "From a token axon creates the Secret "
          + ManagedObjects.CREDENTIALS_SECRET
          + "-<hash of its content>, owned by the Tasks that use it.",
      "Workspace: --workspace > `workspace.name` > `workspace.repo` (axon creates it).",
      "",
      "Environment (with --local, passed on to the agent when set; a pod gets none of them):",
      "  ANTHROPIC_BASE_URL  the model API's address, instead of https://api.anthropic.com",
      "                      (a gateway, a proxy, a test server)",
      "  OPENAI_BASE_URL, GOOGLE_GEMINI_BASE_URL",
      "                      the same for --type codex and --type gemini",
      "  HTTPS_PROXY, HTTP_PROXY, NO_PROXY",
      "                      the proxy the agent's CLI uses, and the hosts it reaches directly",
      "  ANTHROPIC_API_KEY, CLAUDE_CODE_OAUTH_TOKEN",
      "                      the agent's credential (beats apiKey/oauthToken in the config file);",
      "                      OPENAI_API_KEY for codex, GEMINI_API_KEY for gemini",
      "",
      "Exit status: 0 done (with -f or --local: the agent succeeded), 1 failed,",
      "  2 could not be set up (a wrong flag, no credentials, an unreadable prompt).",
      "",
      "Examples:",
      "  axon run -p \"Fix the bug described in issue #42 and open a PR with the fix\"",
      "  axon run -p \"Add unit tests\" --workspace my-workspace -f",
      "  axon run --prompt-file task.md      (or: cat task.md | axon run -p -)",
      "  axon run -p \"Fix bug\" --secret other-secret --credential-type api-key"
    })
public final class RunCommand extends CliCommand {
  private static final String DEFAULT_TYPE = "claude-code";

  @ArgGroup(multiplicity = "1")
  PromptSource promptSource;

  /** Where the prompt comes from: one of {@code -p PROMPT}, {@code -p -}, {@code --prompt-file}. */
  static final class PromptSource {
    @Option(
        names = {"-p", "--prompt"},
        paramLabel = "PROMPT",
        preprocessor = AttachedValue.class,
        description =
            "What the agent should do; passed to it byte for byte. `-p -` reads it from standard"
                + " input. A prompt that starts with \"-\" is written --prompt=-TEXT.")
    String text;

    @Option(
        names = "--prompt-file",
        paramLabel = "FILE",
        description = "Read the prompt from FILE (UTF-8), for prompts too long for a command line.")
    Path file;

    @Option(
        names = "--from",
        paramLabel = "taskspawner/NAME",
        description =
            "Make the Task a TaskSpawner would make for one item of its source (see --item), by"
                + " hand and now.")
    String from;
  }

  @Option(
      names = "--item",
      paramLabel = "ID",
      description =
          "With --from: the item, such as an issue number (needed when there are several).")
  String item;

  @Option(
      names = "--api-url",
      paramLabel = "URL",
      description =
          "With --from: the source's API root, e.g. https://github.example.com/api/v3 (GitHub"
              + " Enterprise Server).")
  String apiURL;

  /** The prompt, read from where the command line says. */
  private String prompt;

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
      names = {"-v", "--verbose"},
      description = "With -f or --local: show every line of a command the agent ran.")
  boolean verbose;

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
      description = "Stop the agent after N turns (at least 1), saving its work.")
  Integer maxTurns;

  @Mixin LimitOptions limits;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      converter = RunOutputConverter.class,
      description =
          "name (task/NAME) or json (the Task as created) on standard output, for scripts;"
              + " the rest goes to standard error.")
  OutputFormat output;

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

  @Option(
      names = "--image",
      paramLabel = "IMAGE",
      description =
          "The agent's container image instead of the agent type's default (it must meet"
              + " docs/agent-image-interface.md).")
  String image;

  @Option(
      names = "--agent-config",
      paramLabel = "NAME",
      description =
          "An AgentConfig (instructions, MCP servers, skill files) for the agent; repeatable,"
              + " composed in the order given.")
  List<String> agentConfigs = new ArrayList<>();

  @Mixin PollIntervalOption poll;

  @Mixin PipelineOptions pipeline;

  @Override
  protected int execute() throws InterruptedException {
    if (promptSource.from != null) {
      return runFromSpawner();
    }
    if (item != null || apiURL != null) {
      throw new UserException(
          "--item and --api-url go with --from taskspawner/NAME", ExitCodes.USAGE);
    }
    prompt = PromptInput.read(promptSource.text, promptSource.file, cli().in());
    if (prompt.isBlank()) {
      throw new UserException("the prompt is empty", ExitCodes.USAGE);
    }
    if (maxTurns != null && maxTurns < 1) {
      throw new UserException(
          "--max-turns " + maxTurns + ": give at least 1 turn", ExitCodes.USAGE);
    }
    limits.validate();
    if (name != null && TaskNames.problem(name) != null) {
      throw new UserException("--name " + name + ": " + TaskNames.problem(name), ExitCodes.USAGE);
    }
    if (!TaskNames.VALID.matcher(type).matches()) {
      throw new UserException("--type " + type + " is not an agent type name", ExitCodes.USAGE);
    }
    if (image != null && !RunClusterOptions.IMAGE.matcher(image).matches()) {
      throw new UserException(
          "--image " + image + ": not an image reference (no spaces, not starting with -)",
          ExitCodes.USAGE);
    }
    for (String config : agentConfigs) {
      if (!RunClusterOptions.OBJECT_NAME.matcher(config).matches()) {
        throw new UserException(
            "--agent-config " + config + " is not an AgentConfig name", ExitCodes.USAGE);
      }
    }
    if (local && (image != null || !agentConfigs.isEmpty())) {
      throw new UserException(
          "--image and --agent-config go with a cluster, not --local", ExitCodes.USAGE);
    }
    if (local) {
      pipeline.validate(true, false, name);
      return runLocally();
    }
    if (noSandbox || !allowHosts.isEmpty() || timeout != null) {
      throw new UserException(
          "--no-sandbox, --allow-host and --timeout go with --local", ExitCodes.USAGE);
    }
    PromptInput.requireFitsATask(prompt);
    RunSettings settings =
        RunSettings.resolve(
            config().config(),
            new RunFlags(
                Optional.ofNullable(secret),
                // The config's credentialType goes with the config's secret; --secret is api-key
                // unless --credential-type says otherwise.
                Optional.ofNullable(credentialType)
                    .or(
                        () ->
                            secret != null
                                ? Optional.of(CredentialType.API_KEY)
                                : Optional.empty()),
                Optional.ofNullable(workspace),
                Optional.ofNullable(model),
                Optional.ofNullable(root().namespaceFlag())));
    settings.notes().forEach(note -> err().println("note: " + note));
    err().flush();
    String namespace = settings.namespace().orElseGet(this::namespace);
    // Everything is checked before anything is written, so that a failing run leaves nothing.
    new AxonResources(client()).requireInstalled(ResourceKind.TASK, namespace);
    if (settings.credentials() instanceof CredentialSource.ExistingSecret existing) {
      requireSecret(existing.name(), namespace, existing.type());
    }
    if (settings.workspace().orElse(null) instanceof WorkspaceSource.Existing existing) {
      new AxonResources(client()).require(ResourceKind.WORKSPACE, namespace, existing.name());
    }
    String taskName = name != null ? name : TaskNames.fromPrompt(prompt, new SecureRandom());
    pipeline.validate(false, settings.workspace().isPresent(), taskName);
    pipeline
        .notes(
            dependency ->
                client().resources(Task.class).inNamespace(namespace).withName(dependency).get()
                    != null)
        .forEach(note -> err().println("note: " + note));
    ManagedObjects managed = new ManagedObjects(client(), namespace);
    Task created;
    try {
      String secretName = credentialsSecret(settings.credentials(), managed);
      String workspaceName = settings.workspace().map(ws -> workspace(ws, managed)).orElse(null);
      created = createTask(taskName, namespace, settings, secretName, workspaceName);
    } catch (RuntimeException e) {
      managed.rollback();
      throw e;
    }
    managed.adopt(created);
    warnWithoutController();
    if (output == OutputFormat.json) {
      out()
          .print(
              new ObjectPrinter(client().getKubernetesSerialization())
                  .print(OutputFormat.json, created));
    } else if (output == OutputFormat.name) {
      out().println("task/" + taskName);
    } else {
      out().println("task/" + taskName + " created");
    }
    out().flush();
    if (!follow) {
      return ExitCodes.OK;
    }
    return taskLogs(namespace, false, verbose, poll.interval).show(taskName, true);
  }

  /** {@code --from taskspawner/NAME}: the spawner's Task for one item, made by hand. */
  private int runFromSpawner() throws InterruptedException {
    if (local || secret != null || credentialType != null || workspace != null || model != null) {
      throw new UserException(
          "--from takes the type, credentials, model and Workspace from the spawner: leave out"
              + " --local, --secret, --credential-type, --workspace and --model",
          ExitCodes.USAGE);
    }
    if (name != null && TaskNames.problem(name) != null) {
      throw new UserException("--name " + name + ": " + TaskNames.problem(name), ExitCodes.USAGE);
    }
    SpawnerCommand.Preview.checkApiURL(apiURL);
    String namespace = namespace();
    new AxonResources(client()).requireInstalled(ResourceKind.TASK, namespace);
    Task task =
        FromSpawner.build(
            client(), namespace, promptSource.from, item, name, apiURL, new SecureRandom());
    Task created;
    try {
      created = client().resources(Task.class).inNamespace(namespace).resource(task).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new UserException(
            "task %s already exists in namespace %s: choose another --name"
                .formatted(task.getMetadata().getName(), namespace));
      }
      throw e;
    }
    String taskName = created.getMetadata().getName();
    warnWithoutController();
    if (output == OutputFormat.json) {
      out()
          .print(
              new ObjectPrinter(client().getKubernetesSerialization())
                  .print(OutputFormat.json, created));
    } else if (output == OutputFormat.name) {
      out().println("task/" + taskName);
    } else {
      out().println("task/" + taskName + " created from " + promptSource.from);
    }
    out().flush();
    return follow ? taskLogs(namespace, false, verbose, poll.interval).show(taskName, true) : 0;
  }

  private Task createTask(
      String taskName,
      String namespace,
      RunSettings settings,
      String secretName,
      String workspaceName) {
    Task task = new Task();
    task.setMetadata(new ObjectMetaBuilder().withName(taskName).withNamespace(namespace).build());
    TaskSpec spec = new TaskSpec();
    spec.setType(type);
    spec.setPrompt(prompt);
    spec.setCredentials(new Credentials(settings.credentials().type(), secretName));
    settings.model().ifPresent(spec::setModel);
    spec.setLimits(limits.taskLimits(maxTurns));
    spec.setImage(image);
    if (!agentConfigs.isEmpty()) {
      spec.setAgentConfigRefs(agentConfigs.stream().map(LocalObjectReference::new).toList());
    }
    if (workspaceName != null) {
      spec.setWorkspaceRef(new LocalObjectReference(workspaceName));
    }
    pipeline.applyTo(spec);
    task.setSpec(spec);
    try {
      return client().resources(Task.class).inNamespace(namespace).resource(task).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new UserException(
            "task %s already exists in namespace %s: choose another --name"
                .formatted(taskName, namespace));
      }
      throw e;
    }
  }

  /** An existing Secret the Task is to read: it must be there (when axon may look). */
  private void requireSecret(String secretName, String namespace, CredentialType credential) {
    try {
      if (client().secrets().inNamespace(namespace).withName(secretName).get() == null) {
        throw new UserException(
            ("secret %s not found in namespace %s: create it (kubectl -n %s create secret generic"
                    + " %s --from-literal=%s=...) or name another with --secret")
                .formatted(
                    secretName, namespace, namespace, secretName, credentialKey(credential)));
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 403) {
        throw e;
      }
      // Not allowed to read Secrets: the Task's status will say if it is missing.
    }
  }

  /** Says up front when no controller is working, as the Task would then wait unnoticed. */
  private void warnWithoutController() {
    new ControllerLease(client())
        .problem(cli().clock().instant())
        .ifPresent(
            problem -> {
              err()
                  .println(
                      "warning: %s: the Task will wait until a controller runs; %s"
                          .formatted(problem, ControllerLease.WHAT_TO_CHECK));
              err().flush();
            });
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
            .withLimits(allowHosts, timeout == null ? LocalRunner.Options.DEFAULT_TIMEOUT : timeout)
            .withEntrypointEnv(limits.entrypointEnv());
    if (pipeline.branch().isPresent()) {
      options = options.withBranch(pipeline.branch().get());
    }
    out().flush();
    err().flush();
    return new LocalRunner().verbose(verbose).run(options, out(), err(), cli().color());
  }

  /** The Secret the Task reads its credentials from; made from a config token when need be. */
  private String credentialsSecret(CredentialSource source, ManagedObjects managed) {
    if (source instanceof CredentialSource.ExistingSecret existing) {
      return existing.name();
    }
    CredentialSource.Token token = (CredentialSource.Token) source;
    return managed.applySecret(
        ManagedObjects.CREDENTIALS_SECRET,
        Map.of(credentialKey(token.type()), token.token()),
        this::report);
  }

  private String workspace(WorkspaceSource source, ManagedObjects managed) {
    if (source instanceof WorkspaceSource.Existing existing) {
      return existing.name();
    }
    WorkspaceSource.Inline inline = (WorkspaceSource.Inline) source;
    String workspaceName = WorkspaceNames.fromRepo(inline.repo());
    WorkspaceSpec spec = new WorkspaceSpec(inline.repo(), inline.ref().orElse(null));
    if (inline.token().isPresent()) {
      String secretName =
          managed.applySecret(
              WorkspaceNames.secretName(workspaceName),
              Map.of("GITHUB_TOKEN", inline.token().get()),
              this::report);
      spec.setSecretRef(new LocalObjectReference(secretName));
    }
    return managed.applyWorkspace(workspaceName, spec, this::report);
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
      // With -o, standard output is the Task alone.
      (output == null ? out() : err()).println(kind + "/" + objectName + " " + outcome);
    }
  }

  /** Parses {@code name} and {@code json}. */
  static final class RunOutputConverter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      if (value.equals("name") || value.equals("json")) {
        return OutputFormat.valueOf(value);
      }
      throw new TypeConversionException("'" + value + "' is not name or json");
    }
  }

  /**
   * Takes {@code --prompt=--local} as the prompt "--local", as written; {@code -p --local} stays an
   * error (the prompt was forgotten), as picocli has it.
   */
  static final class AttachedValue implements IParameterPreprocessor {
    @Override
    public boolean preprocess(
        Stack<String> args, CommandSpec spec, ArgSpec arg, Map<String, Object> info) {
      if (!spec.parser().separator().equals(info.get("separator")) || args.isEmpty()) {
        return false;
      }
      arg.setValue(args.pop());
      return true;
    }
  }

  /** Parses {@code api-key} and {@code oauth}. */
  static final class CredentialTypeConverter implements ITypeConverter<CredentialType> {
    @Override
    public CredentialType convert(String value) {
      // Workload identity (none) needs podOverrides.serviceAccountName: a Task written in YAML.
      return CredentialType.fromValue(value)
          .filter(t -> t != CredentialType.NONE)
          .orElseThrow(
              () -> new TypeConversionException("'" + value + "' is not api-key or oauth"));
    }
  }
}
