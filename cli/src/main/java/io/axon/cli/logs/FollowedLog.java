package io.axon.cli.logs;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

/**
 * A followed container log whose answer is checked before its body is read. fabric8's {@code
 * watchLog()} copies whatever body the API server sends, so an error ({@code
 * {"kind":"Status",...,"code":500}}) would be shown as log text; this opens the same request and
 * turns an error answer into a {@link KubernetesClientException}, as a non-followed read does.
 */
final class FollowedLog {
  private FollowedLog() {}

  /** The log's body; the caller closes it. */
  static InputStream open(KubernetesClient client, String namespace, String pod, String container)
      throws InterruptedException {
    String base = client.getMasterUrl().toString().replaceAll("/+$", "");
    URI uri =
        URI.create(
            "%s/api/v1/namespaces/%s/pods/%s/log?pretty=false&container=%s&follow=true"
                .formatted(base, namespace, pod, container));
    HttpRequest request;
    try {
      request = client.getHttpClient().newHttpRequestBuilder().uri(uri).build();
    } catch (RuntimeException e) {
      throw KubernetesClientException.launderThrowable(e);
    }
    HttpResponse<InputStream> response;
    try {
      response = client.getHttpClient().sendAsync(request, InputStream.class).get();
    } catch (ExecutionException e) {
      throw KubernetesClientException.launderThrowable(e.getCause());
    }
    if (response.isSuccessful()) {
      return response.body();
    }
    throw failure(client, response);
  }

  private static KubernetesClientException failure(
      KubernetesClient client, HttpResponse<InputStream> response) throws InterruptedException {
    String body;
    try (InputStream in = response.body()) {
      body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (InterruptedIOException e) {
      throw new InterruptedException(e.getMessage());
    } catch (IOException e) {
      body = "";
    }
    Status status = status(client, body, response.code());
    return new KubernetesClientException(status.getMessage(), response.code(), status);
  }

  /** The API server's Status, or one made from the body when it sent something else. */
  private static Status status(KubernetesClient client, String body, int code) {
    if (body.strip().startsWith("{")) {
      try {
        Status status = client.getKubernetesSerialization().unmarshal(body, Status.class);
        if (status.getMessage() != null && !status.getMessage().isBlank()) {
          return status;
        }
      } catch (RuntimeException e) {
        // Not a Status: the body itself is the best message there is.
      }
    }
    String message = body.isBlank() ? "no message" : body.strip();
    return new StatusBuilder().withCode(code).withMessage(message).build();
  }
}
