package io.axon.cli.output;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints resources as YAML or JSON, as {@code kubectl get -o} does: one object alone, several as a
 * {@code v1 List}, without {@code managedFields}. Only axon.io resources go through here; Secrets
 * are never printed.
 *
 * <p>Status messages and prompts hold strangers' text, so no control character reaches the terminal
 * raw: JSON escapes the C0 controls itself and here also the C1 controls and the bidirectional
 * overrides ({@code \u009b}); YAML escapes every non-printable character itself, and the
 * bidirectional overrides are written as {@code \u202e} too.
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
      String yaml = escapeBidi(serialization.asYaml(value));
      return yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
    }
    JsonMapper mapper =
        JsonMapper.builder(JsonFactory.builder().characterEscapes(new TerminalEscapes()).build())
            .build();
    JsonNode tree = mapper.readTree(serialization.asJson(value));
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
  }

  /** Printable to YAML, so written raw by it; only ever inside a string. */
  private static String escapeBidi(String yaml) {
    StringBuilder out = new StringBuilder(yaml.length());
    for (int i = 0; i < yaml.length(); i++) {
      char c = yaml.charAt(i);
      if (TerminalEscapes.isBidiControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** JSON's standard escapes, and {@code \\uXXXX} for the C1 controls and the bidi overrides. */
  private static final class TerminalEscapes extends CharacterEscapes {
    private final int[] ascii = standardAsciiEscapesForJSON();

    static boolean isBidiControl(int c) {
      return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int c) {
      return (c >= 0x7f && c <= 0x9f) || isBidiControl(c)
          ? new SerializedString(String.format("\\u%04x", c))
          : null;
    }
  }
}
