package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * An MCP server's environment variable or header: a plain value, or a key of a Secret, which
 * reaches the agent's container only by {@code secretKeyRef} (never in a spec, status or file).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.value) != has(self.secretKeyRef)",
    message = "give value or secretKeyRef (a Secret's key, for anything secret), not both")
public class McpValue {
  @Required
  @Size(min = 1, max = 256)
  @JsonPropertyDescription("The variable's or header's name.")
  private String name;

  @Size(max = 4096)
  @JsonPropertyDescription("A plain value, for what is not secret.")
  private String value;

  @JsonPropertyDescription("A key of a Secret in the Task's namespace, for tokens and keys.")
  private SecretKeyReference secretKeyRef;

  public McpValue() {}

  public McpValue(String name, String value, SecretKeyReference secretKeyRef) {
    this.name = name;
    this.value = value;
    this.secretKeyRef = secretKeyRef;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public SecretKeyReference getSecretKeyRef() {
    return secretKeyRef;
  }

  public void setSecretKeyRef(SecretKeyReference secretKeyRef) {
    this.secretKeyRef = secretKeyRef;
  }
}
