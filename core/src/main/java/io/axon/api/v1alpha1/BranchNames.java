package io.axon.api.v1alpha1;

/**
 * What {@code spec.branch} may be: a name git accepts for a branch ({@code git check-ref-format
 * --branch}) and no shell or option syntax: letters, digits, {@code . _ / -}, not starting with
 * {@code -}, no {@code ..}, no empty or dot-led path segment, not ending in {@code /}, {@code .} or
 * {@code .lock}.
 */
final class BranchNames {
  static final String PATTERN = "^[A-Za-z0-9_][A-Za-z0-9._/-]*$";

  static final String RULE =
      "!self.contains('..') && !self.contains('//') && !self.contains('/.')"
          + " && !self.endsWith('/') && !self.endsWith('.') && !self.endsWith('.lock')";

  static final String MESSAGE =
      "branch is not a git branch name: no '..', '//', '/.', and no trailing '/', '.' or '.lock'";

  private BranchNames() {}
}
