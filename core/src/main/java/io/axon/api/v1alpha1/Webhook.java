package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * GitHub webhook deliveries for a TaskSpawner, at {@code /webhooks/github/NAMESPACE/NAME} of the
 * controller's webhook endpoint (its {@code webhook} setting): each verified delivery of an issue
 * or pull request event makes the spawner poll at once, so polling becomes the fallback.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Webhook {
  @Required
  @JsonPropertyDescription(
      "Secret whose GITHUB_WEBHOOK_SECRET is the webhook's secret on GitHub: deliveries whose"
          + " X-Hub-Signature-256 it does not verify are refused.")
  private LocalObjectReference secretRef;

  public LocalObjectReference getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(LocalObjectReference secretRef) {
    this.secretRef = secretRef;
  }
}
