package io.axon.spi.source;

import java.util.Set;

/**
 * A kind of source that TaskSpawners draw work from, such as GitHub Issues.
 *
 * <p>Found with {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/io.axon.spi.source.WorkSourceProvider} of the plugin jar.
 */
public interface WorkSourceProvider {

  /**
   * The key under a TaskSpawner's {@code spec.when} that selects this source, for example {@code
   * githubIssues}.
   */
  String kind();

  /**
   * The keys of {@link WorkItem#extra()} that this source fills in for every item, which prompt
   * templates may name as {@code {{.Key}}}. Lets a TaskSpawner's template be checked before any
   * item arrives.
   */
  default Set<String> extraFields() {
    return Set.of();
  }

  /**
   * The extra fields items get with these settings (the spawner's block of {@code spec.when}): for
   * a source whose settings name its fields. By default {@link #extraFields()}.
   */
  default Set<String> extraFields(java.util.Map<String, Object> settings) {
    return extraFields();
  }

  /**
   * Whether the source reads a repository and so needs {@code workspaceRef} in its settings. A
   * source that does not (a schedule) may still name one, for its Tasks to clone.
   */
  default boolean needsWorkspace() {
    return true;
  }

  /**
   * The hosts this source would send the Workspace's token to with these settings, so the
   * controller can check that the token's owner allows them before handing it over. Empty means the
   * repository's own host.
   */
  default Set<String> tokenHosts(WorkSourceConfig config) {
    return Set.of();
  }

  /**
   * Opens a source for one TaskSpawner. The source keeps whatever state makes its polls cheap
   * (conditional-request validators, rate-limit windows) until it is closed.
   *
   * @throws WorkSourceException with {@link WorkSourceException.Reason#INVALID_CONFIG} when the
   *     settings cannot work
   */
  WorkSource open(WorkSourceConfig config);
}
