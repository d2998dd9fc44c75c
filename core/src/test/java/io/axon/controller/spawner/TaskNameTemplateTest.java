package io.axon.controller.spawner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.spi.source.WorkItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskNameTemplateTest {
  static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

  static WorkItem item(String id, long number) {
    return new WorkItem(id, number, "A title {{.ID}}", "", "", List.of(), Map.of());
  }

  @Test
  void fieldsAreInsertedLiterallyAndTheNameIsADnsLabel() {
    TaskNameTemplate names = TaskNameTemplate.parse("fix-{{.Number}}");
    assertThat(names.render("bugs", item("42", 42))).isEqualTo("fix-42");
    assertThat(TaskNameTemplate.parse("{{ .Spawner }}-pr-{{.ID}}").render("Rev", item("7", 7)))
        .isEqualTo("rev-pr-7");
    assertThat(TaskNameTemplate.parse("{{.Spawner}}_{{.ID}}").render("s", item("PROJ_12/Sub", 0)))
        .isEqualTo("s-proj-12-sub");
    assertThat(TaskNameTemplate.parse("-{{.ID}}-").render("s", item("{{.Spawner}}", 0)))
        .as("a value is never read as a template")
        .isEqualTo("spawner");
  }

  @Test
  void aLongNameIsCutWithAHashOfTheWholeNameSoNamesStayApart() {
    TaskNameTemplate names = TaskNameTemplate.parse("{{.Spawner}}-{{.ID}}");
    String spawner = "a-very-long-spawner-name-for-the-platform-team-nightly-jobs";
    String a = names.render(spawner, item("20261203-0700", 0));
    String b = names.render(spawner, item("20261203-0800", 0));
    assertThat(a).hasSize(63).matches(DNS_LABEL);
    assertThat(b).hasSize(63).matches(DNS_LABEL);
    assertThat(a).isNotEqualTo(b);
    assertThat(a.substring(0, 54)).isEqualTo(b.substring(0, 54));
    assertThat(names.render(spawner, item("20261203-0700", 0))).as("deterministic").isEqualTo(a);
  }

  @Test
  void onlyFieldsThatNeverChangeForAnItemAreAccepted() {
    assertThat(TaskNameTemplate.parse(null)).isNull();
    assertThat(TaskNameTemplate.parse(" ")).isNull();
    assertThatThrownBy(() -> TaskNameTemplate.parse("fix-{{.Title}}"))
        .hasMessageContaining("{{.Title}} is not supported")
        .hasMessageContaining("second Task after an edit");
    assertThatThrownBy(() -> TaskNameTemplate.parse("{{.Spawner}}"))
        .hasMessageContaining("neither {{.ID}} nor {{.Number}}");
    assertThatThrownBy(() -> TaskNameTemplate.parse("fixed")).hasMessageContaining("no field");
    assertThatThrownBy(() -> TaskNameTemplate.parse("x-{{.ID}}-{{oops"))
        .hasMessageContaining("unclosed");
    assertThatThrownBy(() -> TaskNameTemplate.parse("{{.ID | printf}}"))
        .hasMessageContaining("is not supported");
  }

  @Test
  void thePlanUsesTheTemplateAndTheDefaultOtherwise() {
    var spawner = SpawnerFixtures.spawner("fix-bugs");
    var github = io.axon.spi.source.WorkSourceRegistry.load();
    assertThat(SpawnerPlan.of(spawner, github, Map.of()).taskName("fix-bugs", item("42", 42)))
        .isEqualTo("fix-bugs-42");
    spawner.getSpec().setNameTemplate("issue-{{.Number}}");
    assertThat(SpawnerPlan.of(spawner, github, Map.of()).taskName("fix-bugs", item("42", 42)))
        .isEqualTo("issue-42");
    spawner.getSpec().setNameTemplate("issue-{{.Body}}");
    assertThatThrownBy(() -> SpawnerPlan.of(spawner, github, Map.of()))
        .isInstanceOfSatisfying(
            SpawnerConfigException.class,
            e -> assertThat(e.reason()).isEqualTo(SpawnerConditions.REASON_INVALID_NAME_TEMPLATE))
        .hasMessageStartingWith("spec.nameTemplate: {{.Body}} is not supported");
  }
}
