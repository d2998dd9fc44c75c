package io.axon.controller.transcript;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

/**
 * A container's log, with its answer checked before the body is read: fabric8's log readers pass an
 * error body ({@code {"kind":"Status",...}}) on as log text, and first wait for the pod to be
 * ready, neither of which suits a log read once and kept.
 */
final class ContainerLog {
  private ContainerLog() {}

  /** The log's body, streamed; the caller closes it. A failed answer throws, with its code. */
  static InputStream open(KubernetesClient client, String namespace, String pod, String container)
      throws InterruptedException {
    String base = client.getMasterUrl().toString().replaceAll("/+$", "");
    URI uri =
        URI.create(
            "%s/api/v1/namespaces/%s/pods/%s/log?container=%s"
                .formatted(base, encode(namespace), encode(pod), encode(container)));
    HttpResponse<InputStream> response;
    try {
      HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(uri).build();
      response = client.getHttpClient().sendAsync(request, InputStream.class).get();
    } catch (ExecutionException e) {
      throw KubernetesClientException.launderThrowable(e.getCause());
    } catch (RuntimeException e) {
      throw KubernetesClientException.launderThrowable(e);
    }
    if (response.isSuccessful()) {
      return response.body();
    }
    String body;
    try (InputStream in = response.body()) {
      // An error answer is short; read at most a little of it.
      body = in == null ? "" : new String(in.readNBytes(4096), StandardCharsets.UTF_8);
    } catch (IOException e) {
      body = "";
    }
    Status status = status(client, body, response.code());
    throw new KubernetesClientException(status.getMessage(), response.code(), status);
  }

  private static Status status(KubernetesClient client, String body, int code) {
    if (body.strip().startsWith("{")) {
      try {
        Status status = client.getKubernetesSerialization().unmarshal(body, Status.class);
        if (status.getMessage() != null) {
          return status;
        }
      } catch (RuntimeException e) {
        // Not a Status: the body is the message.
      }
    }
    return new StatusBuilder()
        .withCode(code)
        .withMessage(body.isBlank() ? "no message" : body.strip())
        .build();
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8);
  }
}
