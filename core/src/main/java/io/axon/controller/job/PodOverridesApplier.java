package io.axon.controller.job;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.PodOverrides;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a Task's {@code podOverrides} to its Job. Axon's own choices win: the security contexts
 * are never touched (the schema refuses what would loosen them), an env name Axon sets keeps Axon's
 * value, and a label or annotation key Axon sets keeps Axon's value. What was ignored is named in
 * the Job's annotation {@link #IGNORED_ENV_ANNOTATION}, which the Task's {@code Accepted} condition
 * reports.
 */
final class PodOverridesApplier {

  /** On the Job: the podOverrides.env names that Axon's own variables overrode, comma-separated. */
  static final String IGNORED_ENV_ANNOTATION = ApiGroup.GROUP + "/ignored-env";

  private PodOverridesApplier() {}

  /** The Job's deadline: the Task's, or its podOverrides' (the schema keeps them equal). */
  static Long activeDeadlineSeconds(TaskSpec spec) {
    if (spec.getActiveDeadlineSeconds() != null) {
      return spec.getActiveDeadlineSeconds();
    }
    return spec.getPodOverrides() == null
        ? null
        : spec.getPodOverrides().getActiveDeadlineSeconds();
  }

  /** Whether the pod may mount its service account's token: workload identity only. */
  static boolean mountsToken(TaskSpec spec) {
    return spec.getCredentials() != null
        && spec.getCredentials().getType() == CredentialType.NONE
        && serviceAccount(spec).isPresent();
  }

  static void apply(Job job, TaskSpec spec) {
    PodTemplateSpec template = job.getSpec().getTemplate();
    PodSpec pod = template.getSpec();
    job.getSpec().setActiveDeadlineSeconds(activeDeadlineSeconds(spec));
    pod.setAutomountServiceAccountToken(mountsToken(spec));
    PodOverrides overrides = spec.getPodOverrides();
    if (overrides == null) {
      return;
    }
    Container agent =
        pod.getContainers().stream()
            .filter(c -> AgentJobBuilder.AGENT_CONTAINER.equals(c.getName()))
            .findFirst()
            .orElseThrow();
    if (overrides.getResources() != null) {
      agent.setResources(merge(agent.getResources(), overrides.getResources()));
    }
    List<String> ignored = addEnv(agent, overrides.getEnv());
    if (!ignored.isEmpty()) {
      Map<String, String> annotations = new LinkedHashMap<>();
      if (job.getMetadata().getAnnotations() != null) {
        annotations.putAll(job.getMetadata().getAnnotations());
      }
      annotations.put(IGNORED_ENV_ANNOTATION, String.join(",", ignored));
      job.getMetadata().setAnnotations(annotations);
    }
    template
        .getMetadata()
        .setLabels(addAbsent(template.getMetadata().getLabels(), overrides.getLabels()));
    template
        .getMetadata()
        .setAnnotations(
            addAbsent(template.getMetadata().getAnnotations(), overrides.getAnnotations()));
    if (overrides.getNodeSelector() != null && !overrides.getNodeSelector().isEmpty()) {
      pod.setNodeSelector(new LinkedHashMap<>(overrides.getNodeSelector()));
    }
    if (overrides.getTolerations() != null && !overrides.getTolerations().isEmpty()) {
      pod.setTolerations(
          overrides.getTolerations().stream().map(t -> Serialization.clone(t)).toList());
    }
    if (overrides.getAffinity() != null) {
      pod.setAffinity(Serialization.clone(overrides.getAffinity()));
    }
    if (overrides.getImagePullSecrets() != null && !overrides.getImagePullSecrets().isEmpty()) {
      pod.setImagePullSecrets(
          overrides.getImagePullSecrets().stream()
              .map(ref -> new LocalObjectReference(ref.getName()))
              .toList());
    }
    serviceAccount(spec).ifPresent(pod::setServiceAccountName);
  }

  private static Optional<String> serviceAccount(TaskSpec spec) {
    return Optional.ofNullable(spec.getPodOverrides())
        .map(PodOverrides::getServiceAccountName)
        .filter(name -> !name.isBlank());
  }

  /** Adds the Task's variables whose names Axon does not set; returns those it does, in order. */
  private static List<String> addEnv(Container agent, List<EnvVar> extra) {
    if (extra == null || extra.isEmpty()) {
      return List.of();
    }
    Set<String> builtIn = new LinkedHashSet<>();
    agent.getEnv().forEach(e -> builtIn.add(e.getName()));
    List<EnvVar> env = new ArrayList<>(agent.getEnv());
    Set<String> ignored = new LinkedHashSet<>();
    for (EnvVar var : extra) {
      if (builtIn.contains(var.getName())) {
        ignored.add(var.getName());
      } else {
        env.add(Serialization.clone(var));
      }
    }
    agent.setEnv(env);
    return List.copyOf(ignored);
  }

  private static Map<String, String> addAbsent(Map<String, String> own, Map<String, String> extra) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (extra != null) {
      merged.putAll(new java.util.TreeMap<>(extra)); // Sorted: the same Task, the same Job.
    }
    if (own != null) {
      merged.putAll(own);
    }
    return merged;
  }

  /**
   * The Task's requests and limits replace the defaults resource by resource. A request above the
   * default limit, with no limit given, raises the limit to it: the pod would be invalid otherwise.
   */
  private static ResourceRequirements merge(
      ResourceRequirements defaults, ResourceRequirements overrides) {
    Map<String, Quantity> requests = new LinkedHashMap<>(defaults.getRequests());
    Map<String, Quantity> limits = new LinkedHashMap<>(defaults.getLimits());
    Map<String, Quantity> givenLimits =
        overrides.getLimits() == null ? Map.of() : overrides.getLimits();
    if (overrides.getRequests() != null) {
      requests.putAll(overrides.getRequests());
    }
    limits.putAll(givenLimits);
    for (var request : requests.entrySet()) {
      Quantity limit = limits.get(request.getKey());
      if (limit != null
          && !givenLimits.containsKey(request.getKey())
          && request.getValue().getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
        limits.put(request.getKey(), request.getValue());
      }
    }
    ResourceRequirements merged = new ResourceRequirements();
    merged.setRequests(requests);
    merged.setLimits(limits);
    return merged;
  }
}
