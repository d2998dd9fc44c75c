package io.axon.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.cli.UserException;
import org.junit.jupiter.api.Test;

class JsonPathTemplateTest {
  static final String LIST =
      """
      {"apiVersion":"v1","kind":"List","items":[
        {"metadata":{"name":"a","labels":{"team":"x"}},"status":{"phase":"Succeeded"}},
        {"metadata":{"name":"b"},"status":{"phase":"Failed","message":"boom\\u001b]0;owned\\u0007"}}
      ]}
      """;

  @Test
  void aWildcardPrintsEveryValueSeparatedBySpaces() {
    assertThat(JsonPathTemplate.parse("{.items[*].metadata.name}").apply(LIST)).isEqualTo("a b");
  }

  @Test
  void rangeRepeatsItsBodyAndQuotedTextKeepsItsEscapes() {
    assertThat(
            JsonPathTemplate.parse(
                    "{range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}")
                .apply(LIST))
        .isEqualTo("a\tSucceeded\nb\tFailed\n");
  }

  @Test
  void filtersLiteralTextAndMissingFields() {
    assertThat(
            JsonPathTemplate.parse(
                    "failed: {.items[?(@.status.phase==\"Failed\")].metadata.name}"
                        + " team={.items[0].metadata.labels.team} none={.items[1].metadata.labels}")
                .apply(LIST))
        .isEqualTo("failed: b team=x none=");
  }

  @Test
  void anObjectPrintsAsJsonAndControlCharactersAreStripped() {
    assertThat(JsonPathTemplate.parse("{.items[0].metadata.labels}").apply(LIST))
        .isEqualTo("{\"team\":\"x\"}");
    assertThat(JsonPathTemplate.parse("{.items[1].status.message}").apply(LIST))
        .isEqualTo("boom]0;owned");
  }

  @Test
  void aBrokenTemplateIsAUsageErrorSayingWhy() {
    assertThatThrownBy(() -> JsonPathTemplate.parse("{.items[*].metadata.name"))
        .isInstanceOf(UserException.class)
        .hasMessage("-o jsonpath={.items[*].metadata.name: an unclosed {");
    assertThatThrownBy(() -> JsonPathTemplate.parse("{range .items[*]}{.a}"))
        .hasMessageEndingWith("{range} without {end}");
    assertThatThrownBy(() -> JsonPathTemplate.parse("{.a}{end}"))
        .hasMessageEndingWith("{end} without {range}");
  }
}
