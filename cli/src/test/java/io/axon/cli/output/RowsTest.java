package io.axon.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.cli.ResourceKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Cells read from an object's JSON as the typed model would read them. */
class RowsTest {
  private static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  @Test
  void aSpawnerStoredWithoutAPollIntervalShowsTheModelsDefault() {
    String without = "{\"spec\":{}}";
    String withNull = "{\"spec\":{\"pollInterval\":null}}";
    String withoutSpec = "{}";

    assertThat(cell(ResourceKind.TASKSPAWNER, without, "INTERVAL")).isEqualTo("5m");
    assertThat(cell(ResourceKind.TASKSPAWNER, withoutSpec, "INTERVAL")).isEqualTo("5m");
    assertThat(cell(ResourceKind.TASKSPAWNER, withNull, "INTERVAL")).isEqualTo("-");
  }

  @Test
  void theWorkspaceColumnNamesTheWorkspaceOfTheOneSource() {
    String plugin = "{\"spec\":{\"when\":{\"jira\":{\"workspaceRef\":{\"name\":\"ws\"}}}}}";
    String oneAndANull =
        "{\"spec\":{\"when\":{\"cron\":{\"workspaceRef\":{\"name\":\"ws\"}},\"githubIssues\":null}}}";
    String two =
        "{\"spec\":{\"when\":{\"cron\":{\"workspaceRef\":{\"name\":\"a\"}},"
            + "\"githubIssues\":{\"workspaceRef\":{\"name\":\"b\"}}}}}";

    assertThat(cell(ResourceKind.TASKSPAWNER, plugin, "WORKSPACE")).isEqualTo("ws");
    assertThat(cell(ResourceKind.TASKSPAWNER, oneAndANull, "WORKSPACE")).isEqualTo("ws");
    assertThat(cell(ResourceKind.TASKSPAWNER, two, "WORKSPACE")).isEqualTo("-");
  }

  @Test
  void aSpawnersCountsAndReadinessReadAsTyped() {
    String spawner =
        """
        {"spec":{"taskTemplate":{"type":"codex"},"pollInterval":"30s"},
         "status":{"itemsFound":3,"activeTasks":0,"tasksCreated":12,
          "lastPollTime":"2026-12-08T11:59:00Z",
          "conditions":[{"type":"Other","status":"True"},
                        {"type":"Ready","status":"False","message":"no\\nworkspace"}]}}
        """;

    assertThat(cells(ResourceKind.TASKSPAWNER, spawner))
        .containsExactly(
            "s", "codex", "NotReady", "30s", "3", "0", "12", "60s", "-", "-", "no workspace");
  }

  @Test
  void wideTaskCellsFallBackAsTheTypedModelDoes() {
    String task =
        """
        {"spec":{"type":"claude-code","dependsOn":["a","b"],"branch":"fix"},
         "status":{"phase":"Failed","startTime":"2026-12-08T11:00:00Z",
          "jobName":"j","message":"  it\\n failed ",
          "result":{"model":"opus","costUSD":"1.005","pullRequestURL":"https://example.invalid/1"}}}
        """;

    // A finished Task without a completion time ran for no time, not until now.
    assertThat(cells(ResourceKind.TASK, task))
        .containsExactly(
            "s",
            "claude-code",
            "Failed",
            "0s",
            "$1.01",
            "-",
            "opus",
            "j",
            "-",
            "https://example.invalid/1",
            "a,b",
            "fix",
            "it failed");
  }

  @Test
  void aWorkspaceShowsItsSecretsName() {
    String workspace =
        "{\"spec\":{\"repo\":\"https://github.com/a/b.git\",\"secretRef\":{\"name\":\"token\"}}}";
    String noName = "{\"spec\":{\"repo\":\"https://github.com/a/b.git\",\"secretRef\":{}}}";

    assertThat(cells(ResourceKind.WORKSPACE, workspace))
        .containsExactly("s", "https://github.com/a/b.git", "-", "-", "token");
    assertThat(cell(ResourceKind.WORKSPACE, noName, "SECRET")).isEqualTo("-");
  }

  private static String cell(ResourceKind kind, String json, String column) {
    Rows rows = new Rows(kind, true, false, NOW);
    return cells(kind, json).get(rows.header().indexOf(column));
  }

  private static List<String> cells(ResourceKind kind, String json) {
    JsonNode object = MAPPER.readTree(json);
    ((tools.jackson.databind.node.ObjectNode) object)
        .putObject("metadata")
        .put("name", "s")
        .put("creationTimestamp", "not a time");
    return new Rows(kind, true, false, NOW).row(object);
  }
}
