package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Check Runs for the Tasks of pull requests, written as a GitHub App installation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckRunReport {
  @Required
  @JsonPropertyDescription(
      "Secret with the GitHub App's GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and"
          + " GITHUB_APP_PRIVATE_KEY (PEM); its axon.io/allowed-hosts annotation applies.")
  private LocalObjectReference secretRef;

  @Size(min = 1, max = 100)
  @JsonPropertyDescription("The check's name on the pull request (default axon).")
  private String name;

  public LocalObjectReference getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(LocalObjectReference secretRef) {
    this.secretRef = secretRef;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
