package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

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

  @Size(min = 1, max = 100)
  @JsonPropertyDescription(
      "A comment on an issue that contains this phrase (such as /axon fix), by an author who"
          + " passes the source's author gate, asks for a Task on the issue (a new one per"
          + " comment). Comments are ignored when unset.")
  private String triggerPhrase;

  @JsonPropertyDescription(
      "A check run or check suite that completes with failure on a pull request of an author who"
          + " passes the author gate asks for a Task with the failing check's name and summary.")
  private Boolean checkFailures;

  public String getTriggerPhrase() {
    return triggerPhrase;
  }

  public void setTriggerPhrase(String triggerPhrase) {
    this.triggerPhrase = triggerPhrase;
  }

  public Boolean getCheckFailures() {
    return checkFailures;
  }

  public void setCheckFailures(Boolean checkFailures) {
    this.checkFailures = checkFailures;
  }

  public LocalObjectReference getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(LocalObjectReference secretRef) {
    this.secretRef = secretRef;
  }
}
