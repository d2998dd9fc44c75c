package io.axon.install;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders deploy/namespaced/rbac.yaml (the controller's Role and RoleBinding) once per watched
 * namespace: the one place that knows how, for {@code axon install --namespaces} and the tests. The
 * substitution is literal and single-pass, of names already checked to be DNS labels.
 */
public final class NamespacedRbac {
  /** The file, relative to deploy/ (and to the bundled {@code io/axon/deploy/}). */
  public static final String TEMPLATE = "namespaced/rbac.yaml";

  /** What the template says wherever the watched namespace goes. */
  public static final String PLACEHOLDER = "AXON_NAMESPACE";

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private NamespacedRbac() {}

  /** Whether {@code name} can name a namespace (a DNS label). */
  public static boolean isNamespaceName(String name) {
    return DNS_LABEL.matcher(name).matches();
  }

  /**
   * The namespaces of a {@code a,b} list, checked and without repeats.
   *
   * @throws IllegalArgumentException naming the first bad entry, with an example
   */
  public static List<String> namespaces(List<String> given) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (String raw : given) {
      String name = raw.strip();
      if (!isNamespaceName(name)) {
        throw new IllegalArgumentException(
            ("\"%s\" is not a namespace name (lower-case letters, digits and '-', at most 63;"
                    + " for example --namespaces team-a,team-b)")
                .formatted(name));
      }
      names.add(name);
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "no namespace given (for example --namespaces team-a,team-b)");
    }
    return List.copyOf(names);
  }

  /** The template rendered for each namespace, as one multi-document YAML. */
  public static String render(String template, List<String> namespaces) {
    List<String> documents = new ArrayList<>();
    for (String namespace : namespaces(namespaces)) {
      documents.add(template.replace(PLACEHOLDER, namespace));
    }
    return String.join("\n---\n", documents);
  }
}
