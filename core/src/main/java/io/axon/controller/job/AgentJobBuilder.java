package io.axon.controller.job;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.GitRemote;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.axon.controller.gateway.AgentEgressPolicy;
import io.axon.gateway.ModelProvider;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the hardened Job that runs one Task. A pure function of its inputs: the same Task always
 * yields the same Job.
 *
 * <p>The pod meets the "restricted" Pod Security Standard: non-root, no privilege escalation, all
 * capabilities dropped, seccomp RuntimeDefault, a read-only root filesystem with writable scratch
 * volumes, and no service-account token (the agent has no business with the Kubernetes API; only a
 * Task that authenticates by workload identity, {@code credentials.type: none} with {@code
 * podOverrides.serviceAccountName}, gets its service account's). The Task's {@code image} and
 * {@code podOverrides} apply last ({@link PodOverridesApplier}).
 */
public final class AgentJobBuilder {

  public static final String AGENT_CONTAINER = "agent";
  public static final String CLONE_CONTAINER = "clone";
  public static final String SETUP_CONTAINER = "setup";
  public static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";
  public static final String WORKSPACE_DIR = "/workspace";
  public static final String HOME_DIR = "/home/agent";
  public static final String GITHUB_TOKEN_KEY = "GITHUB_TOKEN";

  /** On the Job: the podOverrides.env names Axon's own variables overrode, comma-separated. */
  public static final String IGNORED_ENV_ANNOTATION = PodOverridesApplier.IGNORED_ENV_ANNOTATION;

  /**
   * The pod annotation that carries the prompt, exposed to the agent as the file {@link
   * #PROMPT_FILE} by a downward API volume. Not an env var (Linux refuses one over 128 KiB) nor a
   * ConfigMap or Secret (a second object to create, own, clean up and grant RBAC for): the
   * annotation travels inside the Job, atomically, and the API server limits all of a pod's
   * annotations to 256 KiB, which is what bounds {@code spec.prompt}.
   */
  public static final String PROMPT_ANNOTATION = ApiGroup.GROUP + "/prompt";

  public static final String PROMPT_DIR = "/etc/axon/task";
  public static final String PROMPT_FILE = PROMPT_DIR + "/prompt";

  /** The uid the agent images run as; fixed so runAsNonRoot can be checked by the kubelet. */
  public static final long AGENT_UID = 1000L;

  private final AgentPodSettings settings;
  private final Optional<String> gateway;

  public AgentJobBuilder(AgentPodSettings settings) {
    this(settings, Optional.empty());
  }

  /**
   * @param gateway the Axon gateway's URL when pods go through it: they then get a per-Task token
   *     and no reference to the real Secrets (see {@link GatewayPodEnv})
   */
  public AgentJobBuilder(AgentPodSettings settings, Optional<String> gateway) {
    this.settings = settings;
    this.gateway = gateway;
  }

  /**
   * The gateway this agent's pod goes through: any agent whose model API the gateway speaks
   * (Anthropic, OpenAI, Gemini); another would be handed a token its own API refuses.
   */
  private Optional<String> gatewayFor(AgentRuntime runtime) {
    return modelProvider(runtime).isPresent() ? gateway : Optional.empty();
  }

  private static Optional<ModelProvider> modelProvider(AgentRuntime runtime) {
    return runtime.modelApi().flatMap(api -> ModelProvider.forBaseUrlEnvVar(api.baseUrlEnvVar()));
  }

  /** The cluster-wide agent pod settings this builder applies. */
  public AgentPodSettings settings() {
    return settings;
  }

  /** The gateway pods go through, when they do (the token Secret must exist before the Job). */
  public Optional<String> gateway() {
    return gateway;
  }

  /**
   * The Job for a Task.
   *
   * @param workspace the Task's Workspace, or empty when it has none
   */
  public Job build(Task task, Optional<Workspace> workspace, AgentRuntime runtime) {
    return build(task, workspace, runtime, AgentSetup.NONE);
  }

  /**
   * The Job for a Task whose AgentConfigs composed into {@code agentSetup}.
   *
   * @param workspace the Task's Workspace, or empty when it has none
   */
  public Job build(
      Task task, Optional<Workspace> workspace, AgentRuntime runtime, AgentSetup agentSetup) {
    TaskSpec spec = task.getSpec();
    String image = image(spec, runtime);
    Map<String, String> labels = labels(task, runtime);
    if (gatewayFor(runtime).isPresent()) { // its only way out: see AgentEgressPolicy
      labels.put(AgentEgressPolicy.EGRESS_LABEL, AgentEgressPolicy.EGRESS_GATEWAY);
    }
    Optional<String> tokenSecret =
        workspace.map(w -> w.getSpec().getSecretRef()).map(ref -> ref.getName());

    List<Container> initContainers = new ArrayList<>();
    workspace.ifPresent(
        w ->
            initContainers.add(
                cloneContainer(task, runtime, image, w, tokenSecret, spec.getBranch())));

    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName(JobNames.forTask(task.getMetadata().getName()))
            .withNamespace(task.getMetadata().getNamespace())
            .withLabels(labels)
            .withOwnerReferences(ownerReference(task))
            .endMetadata()
            .withNewSpec()
            .withBackoffLimit(0)
            .withActiveDeadlineSeconds(spec.getActiveDeadlineSeconds())
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(labels)
            .withAnnotations(Map.of(PROMPT_ANNOTATION, spec.getPrompt()))
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .withAutomountServiceAccountToken(false)
            .withEnableServiceLinks(false)
            .withSecurityContext(podSecurityContext())
            .withInitContainers(initContainers)
            .withContainers(agentContainer(task, image, runtime, workspace, tokenSecret))
            .withVolumes(emptyDir("workspace"), emptyDir("home"), emptyDir("tmp"), promptVolume())
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    Container agentContainer = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    List<EnvVar> agentEnv = new ArrayList<>(agentContainer.getEnv());
    agentEnv.addAll(agentSetup.env());
    agentContainer.setEnv(agentEnv);
    PodOverridesApplier.apply(job, spec);
    addSetupStep(job, image, workspace, agentSetup);
    return job;
  }

  /** After the clone: the Workspace's files and setupCommand, when it has any. */
  private static void addSetupStep(
      Job job, String image, Optional<Workspace> workspace, AgentSetup agentSetup) {
    List<SetupStep.File> files = new ArrayList<>();
    agentSetup
        .homeFiles()
        .forEach(f -> files.add(new SetupStep.File(HOME_DIR, f.path(), f.content())));
    Optional<String> setupCommand = Optional.empty();
    if (workspace.isPresent()) {
      WorkspaceSpec ws = workspace.get().getSpec();
      if (ws.getFiles() != null) {
        ws.getFiles()
            .forEach(
                f ->
                    files.add(
                        new SetupStep.File(CloneScript.REPO_DIR, f.getPath(), f.getContent())));
      }
      setupCommand = Optional.ofNullable(ws.getSetupCommand()).filter(c -> !c.isBlank());
    }
    var pod = job.getSpec().getTemplate().getSpec();
    Container agent = pod.getContainers().get(0);
    SetupStep.container(
            image,
            agent.getWorkingDir(),
            files,
            setupCommand,
            agent.getResources(),
            containerSecurityContext(),
            mounts())
        .ifPresent(
            setup -> {
              List<Container> init = new ArrayList<>(pod.getInitContainers());
              init.add(setup);
              pod.setInitContainers(init);
            });
  }

  /** The Task's deadline: {@code spec.activeDeadlineSeconds} or its podOverrides'. */
  public static Long activeDeadlineSeconds(TaskSpec spec) {
    return PodOverridesApplier.activeDeadlineSeconds(spec);
  }

  /** The Task's own image, else the controller's setting for its type, else the plugin's. */
  private String image(TaskSpec spec, AgentRuntime runtime) {
    if (spec.getImage() != null && !spec.getImage().isBlank()) {
      return spec.getImage();
    }
    return settings.images().getOrDefault(runtime.type(), runtime.defaultImage());
  }

  private static Map<String, String> labels(Task task, AgentRuntime runtime) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ApiGroup.TASK_LABEL, task.getMetadata().getName());
    labels.put(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY);
    labels.put("app.kubernetes.io/name", "axon-agent");
    labels.put("axon.io/agent-type", runtime.type());
    return labels;
  }

  private static OwnerReference ownerReference(Task task) {
    return new OwnerReferenceBuilder()
        .withApiVersion(ApiGroup.API_VERSION)
        .withKind("Task")
        .withName(task.getMetadata().getName())
        .withUid(task.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private Container agentContainer(
      Task task,
      String image,
      AgentRuntime runtime,
      Optional<Workspace> workspace,
      Optional<String> tokenSecret) {
    boolean hasWorkspace = workspace.isPresent();
    TaskSpec spec = task.getSpec();
    List<EnvVar> env = new ArrayList<>();
    env.add(ContainerEnv.literal("AXON_AGENT_TYPE", spec.getType()));
    // A file the kubelet writes verbatim from the pod's annotation: no shell, no size limit of
    // exec.
    env.add(ContainerEnv.literal("AXON_PROMPT_FILE", PROMPT_FILE));
    if (spec.getModel() != null && !spec.getModel().isBlank()) {
      env.add(ContainerEnv.literal("AXON_MODEL", spec.getModel()));
    }
    env.add(
        ContainerEnv.literal(
            "AXON_WORKSPACE_DIR", hasWorkspace ? CloneScript.REPO_DIR : WORKSPACE_DIR));
    if (hasWorkspace && spec.getBranch() != null) {
      env.add(ContainerEnv.literal("AXON_BRANCH", spec.getBranch()));
    }
    env.add(ContainerEnv.literal("AXON_RESULT_PATH", TERMINATION_MESSAGE_PATH));
    env.addAll(LimitEnv.of(task));
    env.add(ContainerEnv.literal("HOME", HOME_DIR));
    if (spec.getCredentials().getType() != CredentialType.NONE) {
      String credentialVar = runtime.credentialEnvVar(spec.getCredentials().getType());
      if (gatewayFor(runtime).isPresent()) {
        env.addAll(
            GatewayPodEnv.agent(
                gatewayFor(runtime).get(),
                modelProvider(runtime).get(),
                task.getMetadata().getName(),
                credentialVar,
                workspace));
      } else {
        env.add(
            fromSecret(
                credentialVar, spec.getCredentials().getSecretRef().getName(), credentialVar));
      }
    }
    if (gatewayFor(runtime).isEmpty()) {
      tokenSecret.ifPresent(
          secret -> env.add(fromSecret("GITHUB_TOKEN", secret, GITHUB_TOKEN_KEY)));
    }

    return new ContainerBuilder()
        .withName(AGENT_CONTAINER)
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withWorkingDir(hasWorkspace ? CloneScript.REPO_DIR : WORKSPACE_DIR)
        .withEnv(env)
        .withResources(resources())
        .withSecurityContext(containerSecurityContext())
        .withTerminationMessagePath(TERMINATION_MESSAGE_PATH)
        .withTerminationMessagePolicy("File")
        .withVolumeMounts(agentMounts())
        .build();
  }

  private static List<VolumeMount> agentMounts() {
    List<VolumeMount> mounts = new ArrayList<>(mounts());
    VolumeMount prompt = mount("prompt", PROMPT_DIR);
    prompt.setReadOnly(true);
    mounts.add(prompt);
    return mounts;
  }

  private static Volume promptVolume() {
    return new VolumeBuilder()
        .withName("prompt")
        .withNewDownwardAPI()
        .addNewItem()
        .withPath("prompt")
        .withNewFieldRef()
        .withFieldPath("metadata.annotations['" + PROMPT_ANNOTATION + "']")
        .endFieldRef()
        .endItem()
        .endDownwardAPI()
        .build();
  }

  private Container cloneContainer(
      Task task,
      AgentRuntime runtime,
      String image,
      Workspace workspace,
      Optional<String> tokenSecret,
      String branch) {
    List<EnvVar> env = new ArrayList<>();
    if (gatewayFor(runtime).isPresent()) {
      env.addAll(
          GatewayPodEnv.clone(gatewayFor(runtime).get(), task.getMetadata().getName(), workspace));
    } else {
      env.add(ContainerEnv.literal("AXON_REPO", workspace.getSpec().getRepo()));
    }
    String ref = workspace.getSpec().getRef();
    if (ref != null && !ref.isBlank()) {
      env.add(ContainerEnv.literal("AXON_REF", ref));
    }
    env.add(ContainerEnv.literal("AXON_REPO_DIR", CloneScript.REPO_DIR));
    if (branch != null) {
      env.add(ContainerEnv.literal("AXON_BRANCH", branch));
    }
    if (Boolean.FALSE.equals(workspace.getSpec().getPartialClone())) {
      env.add(ContainerEnv.literal("AXON_PARTIAL_CLONE", "false"));
    }
    List<GitRemote> remotes =
        workspace.getSpec().getRemotes() == null ? List.of() : workspace.getSpec().getRemotes();
    if (!remotes.isEmpty()) {
      env.add(ContainerEnv.literal("AXON_REMOTE_COUNT", Integer.toString(remotes.size())));
      for (int i = 0; i < remotes.size(); i++) {
        env.add(ContainerEnv.literal("AXON_REMOTE_" + i + "_NAME", remotes.get(i).getName()));
        env.add(ContainerEnv.literal("AXON_REMOTE_" + i + "_URL", remotes.get(i).getUrl()));
      }
    }
    env.add(ContainerEnv.literal("HOME", HOME_DIR));
    env.add(ContainerEnv.literal("GIT_TERMINAL_PROMPT", "0"));
    if (tokenSecret.isPresent() && gatewayFor(runtime).isEmpty()) {
      Optional<String> origin = GitCredentialScope.origin(workspace.getSpec());
      if (origin.isPresent()) {
        env.add(ContainerEnv.literal("AXON_CREDENTIAL_ORIGIN", origin.get()));
        env.add(fromSecret("GITHUB_TOKEN", tokenSecret.get(), GITHUB_TOKEN_KEY));
      } else {
        GitCredentialScope.refusal(workspace.getSpec())
            .ifPresent(why -> env.add(ContainerEnv.literal("AXON_CLONE_NOTICE", why)));
      }
    }
    return new ContainerBuilder()
        .withName(CLONE_CONTAINER)
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withCommand("/bin/sh", "-c", CloneScript.SCRIPT)
        .withEnv(env)
        .withResources(
            new ResourceRequirementsBuilder()
                .withRequests(quantities("100m", "128Mi"))
                .withLimits(quantities("1", "1Gi"))
                .build())
        .withSecurityContext(containerSecurityContext())
        // git's own error text becomes the termination message, so the Task says why cloning
        // failed.
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withVolumeMounts(mounts())
        .build();
  }

  private ResourceRequirements resources() {
    return new ResourceRequirementsBuilder()
        .withRequests(quantities(settings.cpuRequest(), settings.memoryRequest()))
        .withLimits(quantities(settings.cpuLimit(), settings.memoryLimit()))
        .build();
  }

  /** Ordered, so the same Task always serialises to the same Job. */
  private static Map<String, Quantity> quantities(String cpu, String memory) {
    Map<String, Quantity> quantities = new LinkedHashMap<>();
    quantities.put("cpu", new Quantity(cpu));
    quantities.put("memory", new Quantity(memory));
    return quantities;
  }

  private static PodSecurityContext podSecurityContext() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(AGENT_UID)
        .withRunAsGroup(AGENT_UID)
        .withFsGroup(AGENT_UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  private static SecurityContext containerSecurityContext() {
    Capabilities dropAll = new CapabilitiesBuilder().withDrop("ALL").build();
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withPrivileged(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withCapabilities(dropAll)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  private static List<VolumeMount> mounts() {
    return List.of(
        mount("workspace", WORKSPACE_DIR), mount("home", HOME_DIR), mount("tmp", "/tmp"));
  }

  private static VolumeMount mount(String name, String path) {
    VolumeMount mount = new VolumeMount();
    mount.setName(name);
    mount.setMountPath(path);
    return mount;
  }

  private static Volume emptyDir(String name) {
    return new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build();
  }

  private static EnvVar fromSecret(String name, String secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }
}
