package io.axon.cli.install;

import io.axon.cli.ExitCodes;
import io.axon.cli.UserException;
import io.axon.install.NamespacedRbac;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The objects {@code axon install} applies: the deploy module's YAML files, packaged under {@code
 * io/axon/deploy/}, in the order its {@code install-order.txt} lists them (CRDs first).
 */
public final class Manifests {
  /** Where the deploy module puts its files on the class path. */
  public static final String BUNDLED_ROOT = "io/axon/deploy/";

  static final String INDEX = "install-order.txt";

  /** The controller's settings in its ConfigMap (deploy/controller/config.yaml). */
  static final String SETTINGS_KEY = "controller.yaml";

  private static final Pattern NAMESPACES_LINE = Pattern.compile("(?m)^namespaces:.*$");

  /** Opens a file by its path relative to the root; null when it does not exist. */
  private interface Opener {
    InputStream open(String path) throws IOException;
  }

  private final String root;
  private final Opener opener;

  private Manifests(String root, Opener opener) {
    this.root = root;
    this.opener = opener;
  }

  /** The manifests shipped with this CLI (the deploy module's jar). */
  public static Manifests bundled() {
    ClassLoader loader = Manifests.class.getClassLoader();
    return new Manifests(BUNDLED_ROOT, path -> loader.getResourceAsStream(BUNDLED_ROOT + path));
  }

  /** The manifests in a directory laid out like deploy/ (for trying changes before a build). */
  public static Manifests directory(Path dir) {
    return new Manifests(
        dir + "/",
        path -> {
          Path file = dir.resolve(path);
          return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
        });
  }

  /** The files, relative to the root, in apply order. */
  public List<String> paths() {
    InputStream in = open(INDEX);
    if (in == null) {
      throw new UserException(
          "this axon build carries no install manifests (%s%s is missing)".formatted(root, INDEX));
    }
    List<String> paths = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String path = line.strip();
        if (!path.isEmpty() && !path.startsWith("#")) {
          paths.add(path);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return paths;
  }

  /** Every object of every file, in apply order. */
  public List<HasMetadata> load(KubernetesClient client) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String path : paths()) {
      try (InputStream in = open(path)) {
        if (in == null) {
          throw new UserException(
              "install manifest %s%s is listed in %s but missing".formatted(root, path, INDEX));
        }
        objects.addAll(client.load(in).items());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return objects;
  }

  /**
   * Every object, for a controller that serves only these namespaces: the ClusterRole and its
   * binding give way to a Role and RoleBinding in each namespace (deploy/namespaced/rbac.yaml), and
   * the controller's settings name the namespaces it watches.
   */
  public List<HasMetadata> loadNamespaced(KubernetesClient client, List<String> namespaces) {
    List<String> checked;
    try {
      checked = NamespacedRbac.namespaces(namespaces);
    } catch (IllegalArgumentException e) {
      throw new UserException("--namespaces: " + e.getMessage(), ExitCodes.USAGE);
    }
    List<HasMetadata> objects = new ArrayList<>();
    for (HasMetadata object : load(client)) {
      if (object instanceof ClusterRole || object instanceof ClusterRoleBinding) {
        continue;
      }
      if (object instanceof ConfigMap config && config.getData() != null) {
        config.getData().computeIfPresent(SETTINGS_KEY, (k, yaml) -> watching(yaml, checked));
      }
      objects.add(object);
    }
    String template;
    try (InputStream in = open(NamespacedRbac.TEMPLATE)) {
      if (in == null) {
        throw new UserException(
            "install manifest %s%s is missing".formatted(root, NamespacedRbac.TEMPLATE));
      }
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String rendered = NamespacedRbac.render(template, checked);
    objects.addAll(
        client.load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8))).items());
    return objects;
  }

  /** The settings' top-level namespaces key set to these (names already checked). */
  static String watching(String settingsYaml, List<String> namespaces) {
    String line = "namespaces: [" + String.join(", ", namespaces) + "]";
    Matcher matcher = NAMESPACES_LINE.matcher(settingsYaml);
    return matcher.find()
        ? settingsYaml.substring(0, matcher.start()) + line + settingsYaml.substring(matcher.end())
        : line + "\n" + settingsYaml;
  }

  private InputStream open(String path) {
    try {
      return opener.open(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
