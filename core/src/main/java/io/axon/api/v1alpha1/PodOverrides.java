package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * What a Task may change about its agent's pod. Only what keeps the pod within the "restricted" Pod
 * Security Standard is offered; the fields people reach for that would break it ({@code
 * securityContext}, {@code hostNetwork}, {@code volumes}, ...) are declared only so that the API
 * server can refuse them with a message that says why, instead of dropping them silently.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.securityContext)", message = PodOverrides.SECURITY_CONTEXT)
@ValidationRule(value = "!has(self.privileged)", message = PodOverrides.PRIVILEGED)
@ValidationRule(value = "!has(self.capabilities)", message = PodOverrides.CAPABILITIES)
@ValidationRule(value = "!has(self.hostNetwork)", message = PodOverrides.HOST_NAMESPACES)
@ValidationRule(value = "!has(self.hostPID)", message = PodOverrides.HOST_NAMESPACES)
@ValidationRule(value = "!has(self.hostIPC)", message = PodOverrides.HOST_NAMESPACES)
@ValidationRule(value = "!has(self.volumes)", message = PodOverrides.VOLUMES)
@ValidationRule(value = "!has(self.hostPath)", message = PodOverrides.VOLUMES)
@ValidationRule(value = "!has(self.automountServiceAccountToken)", message = PodOverrides.TOKEN)
public class PodOverrides {
  static final String RESTRICTED =
      ": the agent's pod keeps the restricted Pod Security Standard, whatever the Task asks";
  static final String SECURITY_CONTEXT =
      "podOverrides.securityContext is refused"
          + RESTRICTED
          + " (non-root, no privilege escalation, no capabilities, seccomp RuntimeDefault)";
  static final String PRIVILEGED =
      "podOverrides.privileged is refused" + RESTRICTED + " (a privileged container owns the node)";
  static final String CAPABILITIES =
      "podOverrides.capabilities is refused" + RESTRICTED + " (every capability is dropped)";
  static final String HOST_NAMESPACES =
      "podOverrides.hostNetwork, hostPID and hostIPC are refused"
          + RESTRICTED
          + " (they would share the node's network, processes or IPC with the agent)";
  static final String VOLUMES =
      "podOverrides.volumes and hostPath are refused"
          + RESTRICTED
          + " (a host path exposes the node's files); put files in the Workspace's spec.files";
  static final String TOKEN =
      "podOverrides.automountServiceAccountToken is refused: the pod mounts its service account's"
          + " token only with credentials.type none and podOverrides.serviceAccountName";

  /** A Kubernetes label or annotation key: an optional DNS prefix and a name. */
  static final String KEY_RULE =
      "self.all(k, k.matches('^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$'))";

  static final String OWN_KEYS_RULE =
      "self.all(k, !k.startsWith('axon.io/') && !k.startsWith('app.kubernetes.io/'))";

  @JsonPropertyDescription(
      "The agent container's resource requests and limits; each one given replaces the"
          + " controller's default for that resource.")
  private ResourceRequirements resources;

  @Size(max = 64)
  @ValidationRule(value = KEY_RULE, message = "podOverrides.nodeSelector: invalid label key")
  @JsonPropertyDescription("Node labels the agent's pod must run on.")
  private Map<String, String> nodeSelector;

  @Size(max = 64)
  @JsonPropertyDescription("Taints the agent's pod tolerates.")
  private List<Toleration> tolerations;

  @JsonPropertyDescription("Node and pod affinity of the agent's pod.")
  private Affinity affinity;

  @Size(max = 64)
  @ValidationRule(
      value = "self.all(e, !e.name.startsWith('AXON_'))",
      message =
          "podOverrides.env: names starting with AXON_ are Axon's own (the agent image interface)")
  @ValidationRule(
      value = "self.all(e, e.name != 'HOME' && e.name != 'GITHUB_TOKEN')",
      message =
          "podOverrides.env: HOME and GITHUB_TOKEN are set by Axon (GITHUB_TOKEN from the"
              + " Workspace's spec.secretRef)")
  @JsonPropertyDescription(
      "Extra environment variables of the agent container (values or valueFrom, for example a"
          + " secretKeyRef). Axon's own variables win: a conflicting name is ignored and reported"
          + " in a Warning event on the Task.")
  private List<EnvVar> env;

  @Size(max = 16)
  @JsonPropertyDescription("Secrets for pulling a private agent image (spec.image).")
  private List<LocalObjectReference> imagePullSecrets;

  @Min(1)
  @Max(TaskSpec.MAX_ACTIVE_DEADLINE_SECONDS)
  @JsonPropertyDescription(
      "Seconds the agent may run; the same as spec.activeDeadlineSeconds (give one of them, or the"
          + " same value in both).")
  private Long activeDeadlineSeconds;

  @Size(max = 32)
  @ValidationRule(value = KEY_RULE, message = "podOverrides.labels: invalid label key")
  @ValidationRule(
      value = OWN_KEYS_RULE,
      message =
          "podOverrides.labels: keys under axon.io/ and app.kubernetes.io/ are Axon's own (the"
              + " controller finds its pods by them)")
  @ValidationRule(
      value = "self.all(k, self[k].size() <= 63)",
      message = "podOverrides.labels: a label value is at most 63 characters")
  @JsonPropertyDescription("Labels added to the agent's pod.")
  private Map<String, String> labels;

  @Size(max = 32)
  @ValidationRule(value = KEY_RULE, message = "podOverrides.annotations: invalid annotation key")
  @ValidationRule(
      value = "self.all(k, !k.startsWith('axon.io/'))",
      message = "podOverrides.annotations: keys under axon.io/ are Axon's own (axon.io/prompt)")
  @ValidationRule(
      value =
          "self.all(k, !k.startsWith('container.apparmor.security.beta.kubernetes.io/')"
              + " && !k.startsWith('seccomp.security.alpha.kubernetes.io/'))",
      message =
          "podOverrides.annotations: AppArmor and seccomp annotations are refused"
              + RESTRICTED
              + " (seccomp RuntimeDefault)")
  @ValidationRule(
      value = "self.all(k, self[k].size() <= 4096)",
      message =
          "podOverrides.annotations: a value is at most 4096 characters (the pod's annotations"
              + " also carry the prompt)")
  @JsonPropertyDescription("Annotations added to the agent's pod.")
  private Map<String, String> annotations;

  @Size(min = 1, max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  @JsonPropertyDescription(
      "Service account the agent's pod runs as (for workload identity). Its token is mounted only"
          + " when credentials.type is none.")
  private String serviceAccountName;

  // Declared only to be refused, with the rules above saying why.
  @JsonPropertyDescription("Refused: the pod's security context is Axon's.")
  private SecurityContext securityContext;

  @JsonPropertyDescription("Refused.")
  private Boolean privileged;

  @JsonPropertyDescription("Refused.")
  private Capabilities capabilities;

  @JsonPropertyDescription("Refused.")
  private Boolean hostNetwork;

  @JsonPropertyDescription("Refused.")
  private Boolean hostPID;

  @JsonPropertyDescription("Refused.")
  private Boolean hostIPC;

  @JsonPropertyDescription("Refused: use the Workspace's spec.files.")
  private List<RefusedVolume> volumes;

  @JsonPropertyDescription("Refused.")
  private HostPathVolumeSource hostPath;

  @JsonPropertyDescription("Refused: see credentials.type none.")
  private Boolean automountServiceAccountToken;

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public List<LocalObjectReference> getImagePullSecrets() {
    return imagePullSecrets;
  }

  public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
    this.imagePullSecrets = imagePullSecrets;
  }

  public Long getActiveDeadlineSeconds() {
    return activeDeadlineSeconds;
  }

  public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) {
    this.activeDeadlineSeconds = activeDeadlineSeconds;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  public String getServiceAccountName() {
    return serviceAccountName;
  }

  public void setServiceAccountName(String serviceAccountName) {
    this.serviceAccountName = serviceAccountName;
  }

  public SecurityContext getSecurityContext() {
    return securityContext;
  }

  public void setSecurityContext(SecurityContext securityContext) {
    this.securityContext = securityContext;
  }

  public Boolean getPrivileged() {
    return privileged;
  }

  public void setPrivileged(Boolean privileged) {
    this.privileged = privileged;
  }

  public Capabilities getCapabilities() {
    return capabilities;
  }

  public void setCapabilities(Capabilities capabilities) {
    this.capabilities = capabilities;
  }

  public Boolean getHostNetwork() {
    return hostNetwork;
  }

  public void setHostNetwork(Boolean hostNetwork) {
    this.hostNetwork = hostNetwork;
  }

  public Boolean getHostPID() {
    return hostPID;
  }

  public void setHostPID(Boolean hostPID) {
    this.hostPID = hostPID;
  }

  public Boolean getHostIPC() {
    return hostIPC;
  }

  public void setHostIPC(Boolean hostIPC) {
    this.hostIPC = hostIPC;
  }

  public List<RefusedVolume> getVolumes() {
    return volumes;
  }

  public void setVolumes(List<RefusedVolume> volumes) {
    this.volumes = volumes;
  }

  public HostPathVolumeSource getHostPath() {
    return hostPath;
  }

  public void setHostPath(HostPathVolumeSource hostPath) {
    this.hostPath = hostPath;
  }

  public Boolean getAutomountServiceAccountToken() {
    return automountServiceAccountToken;
  }

  public void setAutomountServiceAccountToken(Boolean automountServiceAccountToken) {
    this.automountServiceAccountToken = automountServiceAccountToken;
  }
}
