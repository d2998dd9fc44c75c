package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** The hosts and push branches a namespace's Tasks may use through the gateway. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GatewayPolicySpec {
  /** {@code [METHODS ]HOST[:PORT][/PATH]}, as {@code io.axon.gateway.EgressRule} reads it. */
  static final String HOST_RULE = "^([A-Z]+(,[A-Z]+)* )?[A-Za-z0-9*.-]+(:[0-9]{1,5})?(/[^ ]*)?$";

  static final String BRANCH = "^[A-Za-z0-9_-][A-Za-z0-9._/-]*$";

  @Size(max = 200)
  @JsonPropertyDescription(
      "Hosts every Task of the namespace may reach: HOST[:PORT] (tunnels) or METHODS"
          + " HOST[:PORT]/PATH (plain HTTP, methods separated by commas), as in the Task annotation"
          + " axon.io/gateway-allow-hosts.")
  private List<@Pattern(HOST_RULE) @Size(min = 1, max = 512) String> allowHosts = new ArrayList<>();

  @Size(max = 50)
  @JsonPropertyDescription(
      "Branches (and below) every Task of the namespace may push, besides its own axon/<task>"
          + " or its axon.io/gateway-push-branches.")
  private List<@Pattern(BRANCH) @Size(min = 1, max = 200) String> pushBranches = new ArrayList<>();

  public List<String> getAllowHosts() {
    return allowHosts;
  }

  public void setAllowHosts(List<String> allowHosts) {
    this.allowHosts = allowHosts;
  }

  public List<String> getPushBranches() {
    return pushBranches;
  }

  public void setPushBranches(List<String> pushBranches) {
    this.pushBranches = pushBranches;
  }
}
