package io.axon.api.v1alpha1;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/**
 * A volume in {@code podOverrides.volumes}, declared only so that the schema can refuse the field
 * with a message: the agent's pod mounts no volume a Task chooses (a host path would expose the
 * node).
 */
@PreserveUnknownFields
public class RefusedVolume {
  private String name;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
