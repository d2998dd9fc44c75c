package io.axon.controller.report;

import io.axon.controller.credentials.CredentialHosts;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Reads keys of a Secret by name (the controller may get Secrets, never list them), after checking
 * that the Secret lets its values go to the host they would be sent to ({@link CredentialHosts}).
 * Blocking. Values are never logged.
 */
public final class SecretValues {
  private final Secret secret;

  private SecretValues(Secret secret) {
    this.secret = secret;
  }

  /**
   * @param use what would send the values, for the refusal's message
   * @throws ReportProblem when the Secret is missing, unreadable or refuses the host
   */
  public static SecretValues read(
      KubernetesClient client, String namespace, String name, String host, String use) {
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        throw new ReportProblem(
            "the controller may not read Secret \"%s\" in namespace \"%s\" (403)"
                .formatted(name, namespace));
      }
      throw e;
    }
    if (secret == null) {
      throw new ReportProblem(
          "Secret \"%s\" not found in namespace \"%s\"".formatted(name, namespace));
    }
    CredentialHosts.refusal(secret, host, use)
        .ifPresent(
            refusal -> {
              throw new ReportProblem(refusal);
            });
    return new SecretValues(secret);
  }

  /**
   * @throws ReportProblem when the key is missing or blank
   */
  public String require(String key) {
    String value = value(secret.getData(), key, true);
    if (value == null) {
      value = value(secret.getStringData(), key, false);
    }
    if (value == null) {
      throw new ReportProblem(
          "Secret \"%s\" has no %s key".formatted(secret.getMetadata().getName(), key));
    }
    return value;
  }

  private static String value(Map<String, String> data, String key, boolean base64) {
    String value = data == null ? null : data.get(key);
    if (value == null) {
      return null;
    }
    String decoded =
        base64 ? new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8) : value;
    return decoded.isBlank() ? null : decoded.strip();
  }
}
