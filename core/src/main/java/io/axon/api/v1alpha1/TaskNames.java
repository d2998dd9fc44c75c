package io.axon.api.v1alpha1;

/** What a Task's name may be: a DNS subdomain name of at most 63 characters. */
final class TaskNames {
  static final String PATTERN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  private TaskNames() {}
}
