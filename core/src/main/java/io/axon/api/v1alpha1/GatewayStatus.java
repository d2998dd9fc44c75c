package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the Axon gateway counted of a Task's requests (written by the gateway, not the agent). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GatewayStatus {
  @JsonPropertyDescription("Requests the gateway let through for this Task.")
  private Long allowed;

  @JsonPropertyDescription("Requests it refused; each refusal is also a GatewayRefused Event.")
  private Long refused;

  public GatewayStatus() {}

  public GatewayStatus(long allowed, long refused) {
    this.allowed = allowed;
    this.refused = refused;
  }

  public Long getAllowed() {
    return allowed;
  }

  public void setAllowed(Long allowed) {
    this.allowed = allowed;
  }

  public Long getRefused() {
    return refused;
  }

  public void setRefused(Long refused) {
    this.refused = refused;
  }
}
