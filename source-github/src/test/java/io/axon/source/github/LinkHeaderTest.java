package io.axon.source.github;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkHeaderTest {

  @Test
  void findsNextAmongGitHubsRelations() {
    String header =
        "<https://api.github.com/repositories/1300192/issues?page=2>; rel=\"prev\","
            + " <https://api.github.com/repositories/1300192/issues?page=4>; rel=\"next\","
            + " <https://api.github.com/repositories/1300192/issues?page=515>; rel=\"last\","
            + " <https://api.github.com/repositories/1300192/issues?page=1>; rel=\"first\"";

    assertThat(LinkHeader.next(header))
        .contains("https://api.github.com/repositories/1300192/issues?page=4");
  }

  @Test
  void lastPageHasNoNext() {
    String header =
        "<https://api.github.com/repositories/1/issues?page=2>; rel=\"prev\","
            + " <https://api.github.com/repositories/1/issues?page=1>; rel=\"first\"";

    assertThat(LinkHeader.next(header)).isEmpty();
    assertThat(LinkHeader.next(null)).isEmpty();
    assertThat(LinkHeader.next("")).isEmpty();
  }

  @Test
  void acceptsUnquotedAndMultiValuedRel() {
    assertThat(LinkHeader.next("<https://h/x?page=2>;rel=next")).contains("https://h/x?page=2");
    assertThat(LinkHeader.next("<https://h/x?page=3>; rel=\"next last\""))
        .contains("https://h/x?page=3");
  }
}
