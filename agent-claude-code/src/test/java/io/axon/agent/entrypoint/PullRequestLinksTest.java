package io.axon.agent.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PullRequestLinksTest {

  @Test
  void remembersTheLastPullRequestUrlOnAnyHost() {
    PullRequestLinks links = new PullRequestLinks();
    assertThat(links.last()).isEmpty();
    links.scan("{\"text\":\"see https://github.com/acme/widgets/issues/4\"}");
    assertThat(links.last()).isEmpty();
    links.scan("{\"text\":\"https://github.com/acme/widgets/pull/12 and then\"}");
    links.scan("{\"content\":\"https://ghe.example.com:8443/team/my.repo_x/pull/345\\nmore\"}");
    assertThat(links.last()).contains("https://ghe.example.com:8443/team/my.repo_x/pull/345");
    links.scan("nothing here");
    assertThat(links.last()).contains("https://ghe.example.com:8443/team/my.repo_x/pull/345");
  }
}
