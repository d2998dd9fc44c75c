package io.axon.source.github;

import io.axon.spi.source.WorkItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the issue objects of GitHub's "list repository issues" answer. */
final class IssueJson {

  private IssueJson() {}

  /** Whether the object is a pull request: the issues API lists those too. */
  static boolean isPullRequest(JsonObject issue) {
    return issue.containsKey("pull_request");
  }

  static List<String> labelNames(JsonObject issue) {
    JsonArray labels = issue.getJsonArray("labels", new JsonArray());
    List<String> names = new ArrayList<>(labels.size());
    for (Object label : labels) {
      // Objects {name, color, ...} in answers; a bare string is tolerated.
      if (label instanceof JsonObject object && object.getString("name") != null) {
        names.add(object.getString("name"));
      } else if (label instanceof String name) {
        names.add(name);
      }
    }
    return names;
  }

  static WorkItem toWorkItem(JsonObject issue, List<String> labels) {
    long number = issue.getLong("number");
    JsonObject user = issue.getJsonObject("user");
    String author = user == null ? "" : user.getString("login", "");
    return new WorkItem(
        String.valueOf(number),
        number,
        issue.getString("title", ""),
        issue.getString("body"),
        issue.getString("html_url", ""),
        labels,
        Map.of("State", issue.getString("state", ""), "Author", author));
  }
}
