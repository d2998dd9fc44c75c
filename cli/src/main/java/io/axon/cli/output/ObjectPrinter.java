package io.axon.cli.output;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints resources as YAML or JSON, as {@code kubectl get -o} does: one object alone, several as a
 * {@code v1 List}, without {@code managedFields}. Only axon.io resources go through here; Secrets
 * are never printed.
 */
public final class ObjectPrinter {
  private final KubernetesSerialization serialization;

  public ObjectPrinter(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  public String print(OutputFormat format, HasMetadata single) {
    single.getMetadata().setManagedFields(null);
    return render(format, single);
  }

  public String print(OutputFormat format, List<? extends HasMetadata> items) {
    items.forEach(item -> item.getMetadata().setManagedFields(null));
    // Built by hand: KubernetesListBuilder wants a builder for every item, and custom resources
    // have none.
    KubernetesList list = new KubernetesList();
    list.setMetadata(new ListMeta());
    list.setItems(List.copyOf(items));
    return render(format, list);
  }

  private String render(OutputFormat format, Object value) {
    if (format == OutputFormat.yaml) {
      String yaml = serialization.asYaml(value);
      return yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
    }
    JsonMapper mapper = JsonMapper.builder().build();
    JsonNode tree = mapper.readTree(serialization.asJson(value));
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
  }
}
