package io.axon.cli.run;

import java.util.regex.Pattern;

/** What `axon run` checks of its cluster-only flags before the API server does. */
public final class RunClusterOptions {
  /** The CRD's spec.image pattern: an image reference, nothing a program could read as option. */
  public static final Pattern IMAGE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:/@-]*$");

  /** A Kubernetes object name (DNS subdomain). */
  public static final Pattern OBJECT_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");

  private RunClusterOptions() {}
}
