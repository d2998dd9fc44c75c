package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Work pushed by any system that can POST JSON: each authenticated, fresh, first-seen delivery to
 * {@code /webhooks/generic/NAMESPACE/NAME} of the controller's webhook endpoint becomes one Task,
 * its template fields read from the body by JSONPath.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class GenericWebhook {
  /** How a delivery proves it comes from the sender. */
  public enum Authentication {
    hmac,
    bearer
  }

  @Required
  @JsonPropertyDescription(
      "Secret with WEBHOOK_SECRET (authentication hmac: X-Axon-Signature-256 is sha256= and the"
          + " hex HMAC-SHA256 of '<X-Axon-Timestamp>.<body>') or WEBHOOK_TOKEN (authentication"
          + " bearer: Authorization: Bearer <token>).")
  private LocalObjectReference secretRef;

  @Default("hmac")
  @JsonPropertyDescription("hmac (default) or bearer.")
  private Authentication authentication = Authentication.hmac;

  @Size(max = 32)
  @JsonPropertyDescription(
      "Template field name to JSONPath into the body, such as Title: $.alert.summary. ID (the"
          + " item's id: one Task per id; default the delivery id), Title, Body, URL, Number and"
          + " Labels fill the built-in fields; any other name (Branch gives the Task its branch)"
          + " is an extra field the prompt template may use. A path that finds nothing gives ''.")
  private Map<String, String> fields = new LinkedHashMap<>();

  @Default("5m")
  @JsonPropertyDescription(
      "How far X-Axon-Timestamp (Unix seconds) may be from the controller's clock (default 5m,"
          + " at most 1h): an older delivery is a replay and refused.")
  private String replayWindow;

  @JsonPropertyDescription("Workspace the Tasks clone (optional).")
  private LocalObjectReference workspaceRef;

  public LocalObjectReference getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(LocalObjectReference secretRef) {
    this.secretRef = secretRef;
  }

  public Authentication getAuthentication() {
    return authentication;
  }

  public void setAuthentication(Authentication authentication) {
    this.authentication = authentication;
  }

  public Map<String, String> getFields() {
    return fields;
  }

  public void setFields(Map<String, String> fields) {
    this.fields = fields == null ? new LinkedHashMap<>() : fields;
  }

  public String getReplayWindow() {
    return replayWindow;
  }

  public void setReplayWindow(String replayWindow) {
    this.replayWindow = replayWindow;
  }

  public LocalObjectReference getWorkspaceRef() {
    return workspaceRef;
  }

  public void setWorkspaceRef(LocalObjectReference workspaceRef) {
    this.workspaceRef = workspaceRef;
  }
}
