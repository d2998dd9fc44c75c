package io.axon.controller.it;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Objects for tests against a real API server, which validates what the typed model cannot. */
public final class ItFixtures {
  private ItFixtures() {}

  /** Any object, as YAML: also ones the typed model cannot express (invalid enum values...). */
  public static GenericKubernetesResource yaml(String yaml) {
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }
}
