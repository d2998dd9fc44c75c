package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.axon.spi.agent.CredentialType;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** How the agent authenticates to its model provider. */
@ValidationRule(
    value = "self.type == 'none' || has(self.secretRef)",
    message =
        "credentials.secretRef is required for api-key and oauth: the Secret with the credential")
@ValidationRule(
    value = "self.type != 'none' || !has(self.secretRef)",
    message =
        "credentials.type none takes no secretRef: the agent authenticates as the pod's service"
            + " account (podOverrides.serviceAccountName)")
public class Credentials {
  @Required
  @JsonPropertyDescription(
      "api-key, oauth, or none (workload identity through podOverrides.serviceAccountName).")
  private CredentialType type;

  @JsonPropertyDescription(
      "Secret holding the credential under the agent's variable name, for claude-code"
          + " ANTHROPIC_API_KEY (api-key) or CLAUDE_CODE_OAUTH_TOKEN (oauth).")
  private LocalObjectReference secretRef;

  public Credentials() {}

  public Credentials(CredentialType type, String secretName) {
    this.type = type;
    this.secretRef = new LocalObjectReference(secretName);
  }

  public CredentialType getType() {
    return type;
  }

  public void setType(CredentialType type) {
    this.type = type;
  }

  public LocalObjectReference getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(LocalObjectReference secretRef) {
    this.secretRef = secretRef;
  }
}
