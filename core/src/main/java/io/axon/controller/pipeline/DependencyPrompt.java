package io.axon.controller.pipeline;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.controller.template.LiteralTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dependent Task's prompt over its dependencies' results: <code>{{.Deps.NAME.Result.Branch}}
 * </code>, {@code .Commit}, {@code .PullRequestURL} and {@code .Summary} (the agent's final text).
 * Only in a Task with {@code dependsOn}, and only actions that start with {@code .Deps.}: any other
 * <code>{{ }}</code> text stays as written. Values are copied in literally, in one pass ({@link
 * LiteralTemplate}): an agent's summary that contains <code>{{.Deps.x.Result.Branch}}</code> is
 * never read as a template. A result without the value gives the empty string.
 */
public final class DependencyPrompt {
  private static final String PREFIX = ".Deps.";
  private static final Pattern REFERENCE =
      Pattern.compile("\\.Deps\\.([a-z0-9][-a-z0-9.]*?)\\.Result\\.([A-Za-z]+)");
  private static final Map<String, Function<TaskResult, String>> FIELDS =
      Map.of(
          "Branch", TaskResult::getBranch,
          "Commit", TaskResult::getCommit,
          "PullRequestURL", TaskResult::getPullRequestURL,
          "Summary", TaskResult::getSummary);
  private static final String SUPPORTED =
      "Supported: {{.Deps.<name>.Result.Branch}}, .Commit, .PullRequestURL, .Summary, where"
          + " <name> is one of spec.dependsOn";

  private DependencyPrompt() {}

  /** What is wrong with the prompt's references to dependencies, if anything. */
  public static Optional<String> problem(Task task) {
    List<String> dependsOn = task.getSpec().getDependsOn();
    if (dependsOn.isEmpty()) {
      return Optional.empty();
    }
    for (LiteralTemplate.Segment segment : LiteralTemplate.split(task.getSpec().getPrompt())) {
      if (!(segment instanceof LiteralTemplate.Action action)
          || !action.inner().startsWith(PREFIX)) {
        continue;
      }
      Matcher reference = REFERENCE.matcher(action.inner());
      if (!reference.matches()) {
        return Optional.of(
            "The prompt's %s at %s is not a dependency result. %s."
                .formatted(LiteralTemplate.quote(action.source()), action.position(), SUPPORTED));
      }
      if (!dependsOn.contains(reference.group(1))) {
        return Optional.of(
            "The prompt's %s at %s names \"%s\", which is not in spec.dependsOn (%s)."
                .formatted(
                    LiteralTemplate.quote(action.source()),
                    action.position(),
                    reference.group(1),
                    String.join(", ", dependsOn)));
      }
      if (!FIELDS.containsKey(reference.group(2))) {
        return Optional.of(
            "The prompt's %s at %s asks for an unknown result field \"%s\". %s."
                .formatted(
                    LiteralTemplate.quote(action.source()),
                    action.position(),
                    reference.group(2),
                    SUPPORTED));
      }
    }
    return Optional.empty();
  }

  /**
   * The prompt with each dependency reference replaced by that dependency's result. Call only when
   * {@link #problem} found none.
   *
   * @param dependencies the succeeded dependencies by name
   */
  public static String render(Task task, Map<String, Task> dependencies) {
    String prompt = task.getSpec().getPrompt();
    if (task.getSpec().getDependsOn().isEmpty()) {
      return prompt;
    }
    return LiteralTemplate.render(
        LiteralTemplate.split(prompt),
        action -> {
          Matcher reference = REFERENCE.matcher(action.inner());
          if (!action.inner().startsWith(PREFIX) || !reference.matches()) {
            return action.source();
          }
          Task dependency = dependencies.get(reference.group(1));
          TaskResult result =
              dependency == null || dependency.getStatus() == null
                  ? null
                  : dependency.getStatus().getResult();
          String value = result == null ? null : FIELDS.get(reference.group(2)).apply(result);
          return value == null ? "" : value;
        });
  }
}
