package io.axon.source.github;

import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSourceConfig;
import io.axon.spi.source.WorkSourceException;
import io.axon.spi.source.WorkSourceException.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which issues a TaskSpawner wants: {@code state} and {@code labels} are filtered by GitHub, {@code
 * excludeLabels} here (the issues API has no negative label filter).
 */
record IssueFilter(String state, List<String> labels, Set<String> excludeLabels)
    implements GitHubListing {

  private static final Set<String> STATES = Set.of("open", "closed", "all");

  static IssueFilter from(WorkSourceConfig config) {
    String state = config.string("state").map(String::strip).orElse("open");
    if (!STATES.contains(state)) {
      throw new WorkSourceException(
          Reason.INVALID_CONFIG,
          "githubIssues.state is '%s': use open, closed or all (default open)".formatted(state));
    }
    config.strings("labels").stream()
        .filter(label -> label.contains(","))
        .findFirst()
        .ifPresent(
            label -> {
              throw new WorkSourceException(
                  Reason.INVALID_CONFIG,
                  ("githubIssues.labels holds '%s': a label cannot contain a comma, which GitHub's"
                          + " API reads as a separator; list each label on its own")
                      .formatted(label));
            });
    return new IssueFilter(
        state,
        config.strings("labels").stream().map(String::strip).filter(s -> !s.isEmpty()).toList(),
        config.strings("excludeLabels").stream()
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet()));
  }

  /**
   * The first page of the listing. Sorted by last update, newest first, so that any change to any
   * issue in the set (a new issue, an edit, a label added or removed) lands on page one and changes
   * its ETag: a 304 on page one then means nothing that matters has changed.
   */
  @Override
  public String firstPageURL(GitHubRepository repository) {
    StringBuilder url =
        new StringBuilder(repository.issuesURL()).append("?state=").append(encode(state));
    if (!labels.isEmpty()) {
      url.append("&labels=")
          .append(labels.stream().map(IssueFilter::encode).collect(Collectors.joining(",")));
    }
    return url.append("&sort=updated&direction=desc&per_page=100").toString();
  }

  @Override
  public List<WorkItem> read(JsonArray page) {
    List<WorkItem> items = new ArrayList<>(page.size());
    for (Object element : page) {
      JsonObject issue = (JsonObject) element;
      if (IssueJson.isPullRequest(issue)) {
        continue;
      }
      List<String> labels = IssueJson.labelNames(issue);
      if (!excludes(labels)) {
        items.add(IssueJson.toWorkItem(issue, labels));
      }
    }
    return items;
  }

  @Override
  public String noun() {
    return "issues";
  }

  @Override
  public String kind() {
    return GitHubIssuesSourceProvider.KIND;
  }

  boolean excludes(List<String> issueLabels) {
    return issueLabels.stream().anyMatch(excludeLabels::contains);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
