package io.axon.api.v1alpha1;

/** CEL rules a Task and a TaskSpawner's taskTemplate share about the agent's pod. */
final class AgentPodRules {

  /** A container image reference: no white space, nothing git or a shell could read as option. */
  static final String IMAGE_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:/@-]*$";

  static final String ONE_DEADLINE =
      "!has(self.activeDeadlineSeconds) || !has(self.podOverrides)"
          + " || !has(self.podOverrides.activeDeadlineSeconds)"
          + " || self.activeDeadlineSeconds == self.podOverrides.activeDeadlineSeconds";

  static final String ONE_DEADLINE_MESSAGE =
      "activeDeadlineSeconds and podOverrides.activeDeadlineSeconds differ: give only one";

  static final String NONE_NEEDS_SA =
      "self.credentials.type != 'none' || (has(self.podOverrides)"
          + " && has(self.podOverrides.serviceAccountName))";

  static final String NONE_NEEDS_SA_MESSAGE =
      "credentials.type none (workload identity) needs podOverrides.serviceAccountName: the"
          + " service account whose identity the agent uses";

  private AgentPodRules() {}
}
