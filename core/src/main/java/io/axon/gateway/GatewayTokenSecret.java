package io.axon.gateway;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;

/**
 * The per-Task gateway token: a random value in the Secret {@code <task>-axon-gateway}, owned by
 * the Task (it goes when the Task goes) and given to the pod by {@code secretKeyRef}. Minted once,
 * before the Job; never written into a spec, a status, a log or an event.
 */
public final class GatewayTokenSecret {
  public static final String KEY = "token";
  public static final String SUFFIX = "-axon-gateway";
  public static final String TOKEN_LABEL = ApiGroup.GROUP + "/gateway-token";

  private GatewayTokenSecret() {}

  public static String name(String task) {
    return task + SUFFIX;
  }

  /**
   * Creates the Task's token Secret unless it exists. One left by an earlier Task of the same name
   * (its garbage collection pending) is replaced; one that is no Task's is left alone and refused.
   *
   * @throws IllegalStateException when a Secret of that name belongs to no Task
   */
  public static void ensure(KubernetesClient client, Task task) {
    String namespace = task.getMetadata().getNamespace();
    String name = name(task.getMetadata().getName());
    Secret existing = client.secrets().inNamespace(namespace).withName(name).get();
    if (existing != null) {
      if (ownedBy(existing, task.getMetadata().getUid())) {
        return;
      }
      if (!"true".equals(labels(existing).get(TOKEN_LABEL))) {
        throw new IllegalStateException(
            "Secret %s/%s exists and is not an Axon gateway token; rename it"
                .formatted(namespace, name));
      }
      client.secrets().inNamespace(namespace).withName(name).delete();
    }
    String token = GatewayToken.mint(namespace, task.getMetadata().getName()).value();
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels(ApiGroup.TASK_LABEL, task.getMetadata().getName())
            .addToLabels(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY)
            .addToLabels(TOKEN_LABEL, "true")
            .withOwnerReferences(owner(task))
            .endMetadata()
            .withType("Opaque")
            .withImmutable(true)
            .addToStringData(KEY, token)
            .build();
    try {
      client.secrets().inNamespace(namespace).resource(secret).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // Another replica minted it first: that one is the token.
    }
  }

  public static boolean ownedBy(Secret secret, String taskUid) {
    return secret.getMetadata().getOwnerReferences() != null
        && secret.getMetadata().getOwnerReferences().stream()
            .anyMatch(o -> "Task".equals(o.getKind()) && taskUid.equals(o.getUid()));
  }

  private static Map<String, String> labels(Secret secret) {
    return secret.getMetadata().getLabels() == null ? Map.of() : secret.getMetadata().getLabels();
  }

  private static OwnerReference owner(Task task) {
    return new OwnerReferenceBuilder()
        .withApiVersion(ApiGroup.API_VERSION)
        .withKind("Task")
        .withName(task.getMetadata().getName())
        .withUid(task.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
