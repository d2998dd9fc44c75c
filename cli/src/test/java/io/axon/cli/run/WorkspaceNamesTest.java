package io.axon.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkspaceNamesTest {
  @ParameterizedTest
  @CsvSource({
    "https://github.com/your-org/repo.git, your-org-repo",
    "https://github.com/your-org/repo, your-org-repo",
    "https://github.com/Your_Org/My.Repo.git/, your-org-my-repo",
    "git@github.com:your-org/repo.git, your-org-repo",
    "ssh://git@github.example.com:2222/team/sub/repo.git, sub-repo",
    "git://example.com/repo.git, repo",
    "https://example.com/, workspace"
  })
  void ownerAndRepository(String repo, String name) {
    assertThat(WorkspaceNames.fromRepo(repo)).isEqualTo(name);
    assertThat(WorkspaceNames.secretName(name)).isEqualTo(name + "-github-token");
  }
}
