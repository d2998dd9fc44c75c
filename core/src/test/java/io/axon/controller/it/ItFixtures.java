package io.axon.controller.it;

import io.axon.api.v1alpha1.Credentials;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Objects for tests against a real API server (which assigns uids and generations itself). */
public final class ItFixtures {
  private ItFixtures() {}

  /** The seed's hello-world Task. */
  public static Task task(String namespace, String name) {
    Task task = new Task();
    task.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    TaskSpec spec = new TaskSpec();
    spec.setType("claude-code");
    spec.setPrompt("Create a hello world program in Python");
    spec.setCredentials(new Credentials(CredentialType.OAUTH, "claude-oauth"));
    task.setSpec(spec);
    return task;
  }

  /** Any object, as YAML: also ones the typed model cannot express (invalid enum values...). */
  public static GenericKubernetesResource yaml(String yaml) {
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }
}
