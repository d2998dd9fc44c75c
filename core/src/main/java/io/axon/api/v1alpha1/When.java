package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaSwap;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The source a TaskSpawner draws work from: one key, the source's kind, whose value is that
 * source's settings. The built-in kinds are typed (so the API server checks them); any other key
 * names an installed source plugin, whose settings are kept as written and checked by the plugin
 * (its complaints land in the spawner's {@code Ready} condition). The schema names only the
 * built-in kinds: the generator would list the any-getter as a property {@code plugins}, which is
 * no kind.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@PreserveUnknownFields
@SchemaSwap(originalType = When.class, fieldName = "plugins", targetType = void.class)
@ValidationRule(
    value =
        "[has(self.githubIssues), has(self.githubPullRequests), has(self.cron),"
            + " has(self.genericWebhook)].filter(x, x).size() <= 1",
    message =
        "when names one source: keep one of githubIssues, githubPullRequests, cron and"
            + " genericWebhook")
public class When {
  private GitHubIssues githubIssues;
  private GitHubPullRequests githubPullRequests;
  private Cron cron;
  private GenericWebhook genericWebhook;

  /** Plugin sources, by kind: settings as plain JSON values. */
  private final Map<String, Object> plugins = new LinkedHashMap<>();

  public GitHubIssues getGithubIssues() {
    return githubIssues;
  }

  public void setGithubIssues(GitHubIssues githubIssues) {
    this.githubIssues = githubIssues;
  }

  public GitHubPullRequests getGithubPullRequests() {
    return githubPullRequests;
  }

  public void setGithubPullRequests(GitHubPullRequests githubPullRequests) {
    this.githubPullRequests = githubPullRequests;
  }

  public Cron getCron() {
    return cron;
  }

  public void setCron(Cron cron) {
    this.cron = cron;
  }

  public GenericWebhook getGenericWebhook() {
    return genericWebhook;
  }

  public void setGenericWebhook(GenericWebhook genericWebhook) {
    this.genericWebhook = genericWebhook;
  }

  @JsonAnyGetter
  public Map<String, Object> plugins() {
    return plugins;
  }

  @JsonAnySetter
  public void setPlugin(String kind, Object settings) {
    plugins.put(kind, settings);
  }

  /**
   * The Workspace the source names in its {@code workspaceRef}, whatever its kind: a source that
   * reads a repository polls that Workspace's, and the spawned Tasks clone it.
   */
  public Optional<String> workspaceName() {
    Object settings = only().map(Map.Entry::getValue).orElse(null);
    if (settings instanceof Map<?, ?> map && map.get("workspaceRef") instanceof Map<?, ?> ref) {
      Object name = ref.get("name");
      return name == null ? Optional.empty() : Optional.of(name.toString());
    }
    return Optional.empty();
  }

  /** The source's kind, such as {@code githubIssues}, when exactly one is set. */
  public Optional<String> kind() {
    return only().map(Map.Entry::getKey);
  }

  private Optional<Map.Entry<String, Object>> only() {
    Map<String, Object> all =
        Serialization.unmarshal(
            Serialization.asJson(this),
            new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
    if (all == null) {
      return Optional.empty();
    }
    all.values().removeIf(java.util.Objects::isNull);
    return all.size() == 1 ? Optional.of(all.entrySet().iterator().next()) : Optional.empty();
  }
}
