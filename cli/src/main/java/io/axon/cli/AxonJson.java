package io.axon.cli;

import io.axon.api.v1alpha1.ApiGroup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The axon.io objects as JSON trees, as the API server sends them, for what prints only a few of
 * their fields (the tables of {@code axon get}). Binding a list to the typed model makes Jackson
 * build a deserializer for every type a Task can hold, the largest single cost of a short command
 * (docs/benchmarks.md, "CLI start-up"). The requests go through fabric8's client, so that their
 * failures read as a typed call's do.
 */
public final class AxonJson {
  /** What a name must look like to be one segment of a URL path as it is. */
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final KubernetesClient client;
  private final JsonMapper mapper = JsonMapper.builder().build();

  public AxonJson(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The kind's list: {@code items} and {@code metadata.resourceVersion}.
   *
   * @param namespace null for every namespace
   * @param labelSelector null for every object
   */
  public JsonNode list(ResourceKind kind, String namespace, String labelSelector) {
    String path = collection(kind, namespace);
    if (labelSelector != null) {
      path += "?labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8);
    }
    return get(path);
  }

  /** The object, or the "not found" error {@link AxonResources#require} gives. */
  public JsonNode require(ResourceKind kind, String namespace, String name) {
    if (!PLAIN_NAME.matcher(name).matches()) {
      // Whatever fabric8 makes of a name that is no path segment, as before.
      return tree(new AxonResources(client).require(kind, namespace, name));
    }
    try {
      return get(collection(kind, namespace) + "/" + name);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
    new AxonResources(client).requireInstalled(kind, namespace);
    throw Errors.notFound(kind.singular(), name, namespace);
  }

  /** A typed object as a JSON tree (for watches and {@code --sort-by}). */
  public JsonNode tree(HasMetadata object) {
    return mapper.readTree(client.getKubernetesSerialization().asJson(object));
  }

  private JsonNode get(String path) {
    return mapper.readTree(client.raw(path, "GET", null));
  }

  private static String collection(ResourceKind kind, String namespace) {
    String group = "/apis/" + ApiGroup.API_VERSION + "/";
    return namespace == null
        ? group + kind.plural()
        : group + "namespaces/" + segment(namespace) + "/" + kind.plural();
  }

  private static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
