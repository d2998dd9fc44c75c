package io.axon.controller.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTargetTest {
  @Test
  void issueAndPullRequestPagesNameTheirRepositoryAndApi() {
    assertThat(ReportTarget.parse("https://github.com/acme/widgets/issues/42", null))
        .contains(new ReportTarget("https://api.github.com", "acme", "widgets", 42, false));
    assertThat(ReportTarget.parse("https://ghe.example.com/acme/widgets/pull/7", null))
        .contains(new ReportTarget("https://ghe.example.com/api/v3", "acme", "widgets", 7, true));
    assertThat(
            ReportTarget.parse(
                "https://github.com/acme/widgets/issues/42", "http://127.0.0.1:8080/"))
        .contains(new ReportTarget("http://127.0.0.1:8080", "acme", "widgets", 42, false));
  }

  @Test
  void anythingElseIsNoTarget() {
    for (String url :
        new String[] {
          null,
          "",
          "https://github.com/acme/widgets",
          "https://github.com/acme/widgets/issues/42/../../../x",
          "https://github.com/acme/wid%2Fgets/issues/1",
          "ftp://github.com/acme/widgets/issues/1",
          "https://github.com/acme/widgets/discussions/1",
          "not a url"
        }) {
      assertThat(ReportTarget.parse(url, null)).as(url).isEmpty();
    }
  }
}
