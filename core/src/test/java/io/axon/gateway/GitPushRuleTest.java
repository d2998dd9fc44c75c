package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GitPushRuleTest {
  static final String A = "1".repeat(40);
  static final String B = "2".repeat(40);
  static final String ZERO = "0".repeat(40);
  final GitPushRule rule = GitPushRule.forTask("fix-42");

  @Test
  void theTasksBranchAndBelowMayBeCreatedUpdatedAndForcePushed() {
    assertThat(rule.decide(new RefUpdate(ZERO, A, "refs/heads/axon/fix-42")).allowed()).isTrue();
    assertThat(rule.decide(new RefUpdate(A, B, "refs/heads/axon/fix-42")).allowed()).isTrue();
    assertThat(rule.decide(new RefUpdate(A, B, "refs/heads/axon/fix-42/retry")).allowed()).isTrue();
  }

  @Test
  void everythingElseIsRefusedWithAReason() {
    assertThat(rule.decide(new RefUpdate(A, B, "refs/heads/main")).reason())
        .contains("may push only to axon/fix-42");
    assertThat(rule.decide(new RefUpdate(A, B, "refs/heads/axon/fix-420")).allowed()).isFalse();
    assertThat(rule.decide(new RefUpdate(A, B, "refs/heads/axon/fix-42/../main")).allowed())
        .isFalse();
    assertThat(rule.decide(new RefUpdate(ZERO, A, "refs/tags/v1")).reason()).contains("tags");
    assertThat(rule.decide(new RefUpdate(A, ZERO, "refs/heads/axon/fix-42")).reason())
        .contains("delete");
    assertThat(rule.decide(new RefUpdate(A, B, "refs/notes/commits")).allowed()).isFalse();
    assertThat(rule.decide(new RefUpdate(A, B, "HEAD")).allowed()).isFalse();
  }

  @Test
  void configuredPrefixesReplaceTheDefault() {
    GitPushRule custom = new GitPushRule(List.of("bot/team-a", "axon/fix-42"));
    assertThat(custom.decide(new RefUpdate(A, B, "refs/heads/bot/team-a/x")).allowed()).isTrue();
    assertThat(custom.refusals(List.of(new RefUpdate(A, B, "refs/heads/main"))))
        .containsOnlyKeys("refs/heads/main");
  }

  @Test
  void noneRefusesEveryPushSayingWhereTheCommitsStay() {
    GitPushRule none = GitPushRule.none();
    assertThat(none.decide(new RefUpdate(ZERO, A, "refs/heads/axon/run")).reason())
        .isEqualTo(
            "axon gateway: nothing may be pushed from here; the commits stay in the workspace");
    assertThat(none.decide(new RefUpdate(A, B, "refs/heads/main")).allowed()).isFalse();
  }
}
