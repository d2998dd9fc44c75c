package io.axon.controller.task;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.api.v1alpha1.Workspace;
import io.axon.spi.agent.CredentialType;
import java.util.Optional;

/**
 * What a Task or Workspace lacks that the schema requires. Objects stored before the schema asked
 * for it, or written past it, are reported in status instead of failing every reconcile.
 */
final class ObjectShape {

  /** The Task condition reason for a Task whose spec cannot be run. */
  static final String REASON_INVALID_SPEC = "InvalidSpec";

  /** The Task condition reason for a Workspace that cannot be cloned. */
  static final String REASON_INVALID_WORKSPACE = "InvalidWorkspace";

  private ObjectShape() {}

  /** What is missing from the Task's spec, or empty when it can run. */
  static Optional<String> taskProblem(Task task) {
    TaskSpec spec = task.getSpec();
    String missing;
    if (spec == null) {
      missing = "spec";
    } else if (blank(spec.getType())) {
      missing = "spec.type";
    } else if (spec.getPrompt() == null) {
      missing = "spec.prompt";
    } else if (spec.getCredentials() == null
        || spec.getCredentials().getType() == null
        || (spec.getCredentials().getType() != CredentialType.NONE
            && (spec.getCredentials().getSecretRef() == null
                || blank(spec.getCredentials().getSecretRef().getName())))) {
      missing = "spec.credentials (type and secretRef.name)";
    } else if (spec.getWorkspaceRef() != null && blank(spec.getWorkspaceRef().getName())) {
      missing = "spec.workspaceRef.name";
    } else {
      return Optional.empty();
    }
    return Optional.of(
        "The Task has no %s, so it cannot run. A Task's spec cannot change: delete the Task and create it again with a complete spec (see axon run --help)."
            .formatted(missing));
  }

  /** What is missing from the Workspace, or empty when it can be cloned. */
  static Optional<String> workspaceProblem(Workspace workspace) {
    if (workspace.getSpec() == null || blank(workspace.getSpec().getRepo())) {
      return Optional.of(
          "Workspace \"%s\" has no spec.repo. Set it (kubectl edit workspace %s) and the Task starts by itself."
              .formatted(workspace.getMetadata().getName(), workspace.getMetadata().getName()));
    }
    return Optional.empty();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
