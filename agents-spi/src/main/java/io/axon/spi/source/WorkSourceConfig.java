package io.axon.spi.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a source needs to know for one TaskSpawner.
 *
 * @param settings the source's block from {@code spec.when.<kind>}, as plain JSON values (String,
 *     Number, Boolean, List, Map)
 * @param repoURL the repository of the TaskSpawner's Workspace
 * @param token the Workspace's token, when it has a Secret; never logged
 * @param services host services the plugin may use, such as the controller's Vert.x instance
 * @param spawnerCreated when the TaskSpawner was created, or null when unknown: a schedule has no
 *     ticks before it
 */
public record WorkSourceConfig(
    Map<String, Object> settings,
    String repoURL,
    Optional<String> token,
    HostServices services,
    Instant spawnerCreated) {

  /** Settings for a spawner whose creation time does not matter. */
  public WorkSourceConfig(
      Map<String, Object> settings, String repoURL, Optional<String> token, HostServices services) {
    this(settings, repoURL, token, services, null);
  }

  /** A string setting, or empty when absent. */
  public Optional<String> string(String key) {
    Object value = settings.get(key);
    return value == null ? Optional.empty() : Optional.of(value.toString());
  }

  /** A list-of-strings setting, or an empty list when absent. */
  public List<String> strings(String key) {
    Object value = settings.get(key);
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of();
  }

  @Override
  public String toString() {
    // The token never appears in logs or error messages.
    return "WorkSourceConfig[settings=%s, repoURL=%s, token=%s]"
        .formatted(settings, repoURL, token.isPresent() ? "<set>" : "<none>");
  }
}
