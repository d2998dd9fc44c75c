package io.axon.client.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads {@code ~/.axon/config.yaml}. The file is composed into a node tree (not bound to a class)
 * so that every warning and error can name the line it is about.
 */
public final class ConfigFile {

  /** The keys at the top level of the file. */
  public static final Set<String> KEYS =
      Set.of("oauthToken", "apiKey", "secret", "credentialType", "model", "namespace", "workspace");

  /** The keys below {@code workspace}. */
  public static final Set<String> WORKSPACE_KEYS = Set.of("name", "repo", "ref", "token");

  private final Path file;
  private final List<ConfigWarning> warnings = new ArrayList<>();

  private ConfigFile(Path file) {
    this.file = file;
  }

  /** {@code ~/.axon/config.yaml}. */
  public static Path defaultPath() {
    return Path.of(System.getProperty("user.home"), ".axon", "config.yaml");
  }

  /**
   * Reads a config file. A file that does not exist reads as an empty config.
   *
   * @throws ConfigException when the file cannot be read, is not valid YAML, or a key has the wrong
   *     kind of value; the message names the file and line
   */
  public static LoadedConfig read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new ConfigFile(file).parse(reader);
    } catch (NoSuchFileException e) {
      return new LoadedConfig(file, false, AxonConfig.empty(), List.of());
    } catch (IOException e) {
      throw new ConfigException("cannot read %s: %s".formatted(file, e.getMessage()), e);
    }
  }

  /** Reads config text; {@code file} only names it in messages. */
  public static LoadedConfig parse(Path file, String text) {
    return new ConfigFile(file).parse(new java.io.StringReader(text));
  }

  private LoadedConfig parse(Reader reader) {
    Optional<Node> root;
    try {
      LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
      root = new Compose(settings).composeReader(reader);
    } catch (YamlEngineException e) {
      throw new ConfigException(YamlErrors.describe(file.toString(), e), e);
    }
    if (root.isEmpty() || isNull(root.get())) {
      return new LoadedConfig(file, true, AxonConfig.empty(), warnings);
    }
    Map<String, Node> top = mapping(root.get(), "the file", KEYS);
    AxonConfig config =
        new AxonConfig(
            string(top, "oauthToken"),
            string(top, "apiKey"),
            string(top, "secret"),
            credentialType(top),
            string(top, "model"),
            string(top, "namespace"),
            workspace(top));
    return new LoadedConfig(file, true, config, warnings);
  }

  private Optional<String> credentialType(Map<String, Node> top) {
    Optional<String> value = string(top, "credentialType");
    if (value.isPresent() && !value.get().equals("api-key") && !value.get().equals("oauth")) {
      throw error(top.get("credentialType"), "credentialType must be api-key or oauth");
    }
    return value;
  }

  private Optional<WorkspaceConfig> workspace(Map<String, Node> top) {
    Node node = top.get("workspace");
    if (node == null || isNull(node)) {
      return Optional.empty();
    }
    if (!(node instanceof MappingNode)) {
      throw error(node, "workspace must be a mapping with name, or repo, ref and token");
    }
    Map<String, Node> keys = mapping(node, "workspace", WORKSPACE_KEYS);
    return Optional.of(
        new WorkspaceConfig(
            string(keys, "name"),
            string(keys, "repo"),
            string(keys, "ref"),
            string(keys, "token")));
  }

  /** The entries of a mapping node by key; unknown keys are warned about and left out. */
  private Map<String, Node> mapping(Node node, String what, Set<String> known) {
    if (!(node instanceof MappingNode mapping)) {
      throw error(node, what + " must be a mapping of keys to values");
    }
    Map<String, Node> entries = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode key)) {
        throw error(keyNode, "keys must be plain names");
      }
      String name = key.getValue();
      if (!known.contains(name)) {
        String prefix = what.equals("the file") ? "" : what + ".";
        warnings.add(
            new ConfigWarning(
                file, line(keyNode), "unknown key '%s%s' (ignored)".formatted(prefix, name)));
        continue;
      }
      if (entries.putIfAbsent(name, tuple.getValueNode()) != null) {
        throw error(keyNode, "key '%s' is set twice".formatted(name));
      }
    }
    return entries;
  }

  private Optional<String> string(Map<String, Node> entries, String key) {
    Node node = entries.get(key);
    if (node == null || isNull(node)) {
      return Optional.empty();
    }
    if (!(node instanceof ScalarNode scalar)) {
      throw error(node, key + " must be a single value, not a list or mapping");
    }
    String value = scalar.getValue().strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static boolean isNull(Node node) {
    return node.getTag().equals(Tag.NULL);
  }

  private ConfigException error(Node node, String message) {
    return new ConfigException("%s:%d: %s".formatted(file, line(node), message));
  }

  private static int line(Node node) {
    return node.getStartMark().map(Mark::getLine).orElse(-1) + 1;
  }
}
