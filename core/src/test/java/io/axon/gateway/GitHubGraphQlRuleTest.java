package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The GitHub GraphQL allowlist: reads of the Workspace's repository (as gh sends them: variables,
 * aliases, fragments, comments), the viewer and the rate limit pass; createPullRequest passes only
 * into that repository from the Task's branch; everything else, and anything unparsable, is refused
 * with a reason.
 */
class GitHubGraphQlRuleTest {
  static final String REPO_ID = "R_kgDOabc";
  final GitHubGraphQlRule rule =
      new GitHubGraphQlRule("acme", "app", GitPushRule.forTask("fix-42"));

  @Test
  void ghsRepositoryReadsPass() {
    String query =
        """
        # gh's RepositoryInfo, as it sends it
        query RepositoryInfo($owner: String!, $name: String!) {
          repository(owner: $owner, name: $name) {
            id, name, owner { login }, defaultBranchRef { name }, ...Perms
            pullRequests(headRefName: "axon/fix-42", states: [OPEN], first: 30) { nodes { number } }
            description(format: \"\"\"plain "text" here\"\"\")
          }
          viewer { login }
        }
        fragment Perms on Repository { viewerPermission @include(if: true) }
        """;
    assertThat(decide(query, vars("acme", "app")).allowed()).isTrue();
    assertThat(decide("{ repo_000: repository(owner: \"ACME\", name: \"app\") { id } }", null))
        .isEqualTo(Decision.allow());
    assertThat(decide("query { rateLimit { remaining } __typename }", null).allowed()).isTrue();
  }

  @Test
  void anotherRepositoryOrAWayOutOfItIsRefused() {
    assertThat(
            decide(
                    "query($o: String!) { repository(owner: $o, name: \"app\") { id } }",
                    new JsonObject().put("variables", new JsonObject().put("o", "evil")))
                .reason())
        .contains("only the repository acme/app");
    assertThat(decide("{ repository(owner: \"acme\", name: \"secrets\") { id } }", null).reason())
        .contains("only the repository acme/app");
    assertThat(decide("{ repository(name: \"app\") { id } }", null).allowed()).isFalse();
    assertThat(decide("{ node(id: \"R_x\") { id } }", null).reason())
        .contains("query field node is not allowed");
    assertThat(
            decide("{ search(query: \"x\", type: REPOSITORY) { repositoryCount } }", null)
                .allowed())
        .isFalse();
    for (String nested :
        new String[] {
          "{ viewer { repositories(first: 5) { nodes { name } } } }",
          "{ viewer { repository(name: \"secrets\") { id } } }",
          "{ repository(owner: \"acme\", name: \"app\") { owner { ... on User { x: repository(name: \"s\") { id } } } } }",
          "{ repository(owner: \"acme\", name: \"app\") { ...F } } fragment F on Repository { forks { totalCount } }",
          "{ repository(owner: \"acme\", name: \"app\") { issue(number: 1) { author { ... on User { organization(login: \"o\") { id } } } } } }",
        }) {
      assertThat(decide(nested, null).reason()).as(nested).contains("is not allowed");
    }
  }

  @Test
  void aPullRequestFromTheTasksBranchIntoTheRepositoryPasses() {
    String mutation =
        "mutation PullRequestCreate($input: CreatePullRequestInput!) {"
            + " createPullRequest(input: $input) { pullRequest { id url } } }";
    assertThat(decide(mutation, input(REPO_ID, "axon/fix-42"))).isEqualTo(Decision.allow());
    assertThat(decide(mutation, input(REPO_ID, "acme:axon/fix-42/part-2")).allowed()).isTrue();
    String literal =
        "mutation { createPullRequest(input: {repositoryId: \"R_kgDOabc\", baseRefName: \"main\","
            + " headRefName: \"axon/fix-42\", title: \"Fix\"}) { pullRequest { url } } }";
    assertThat(decide(literal, null).allowed()).isTrue();
  }

  @Test
  void otherPullRequestsAndOtherMutationsAreRefused() {
    String mutation =
        "mutation($input: CreatePullRequestInput!) { createPullRequest(input: $input) { clientMutationId } }";
    assertThat(decide(mutation, input(REPO_ID, "main")).reason())
        .contains("only from this Task's branches (axon/fix-42")
        .contains("not main");
    assertThat(decide(mutation, input("R_other", "axon/fix-42")).reason())
        .contains("only in acme/app");
    JsonObject fork = input(REPO_ID, "axon/fix-42");
    fork.getJsonObject("variables").getJsonObject("input").put("headRepositoryId", "R_fork");
    assertThat(decide(mutation, fork).reason()).contains("head must be in acme/app");
    assertThat(decide(mutation, input(REPO_ID, "evil:axon/fix-42")).allowed()).isFalse();
    assertThat(
            decide(
                    "mutation { mergePullRequest(input: {pullRequestId: \"P\"}) { clientMutationId } }",
                    null)
                .reason())
        .contains("mutation mergePullRequest is not allowed");
    assertThat(decide("subscription { x }", null).reason()).contains("subscriptions");
    assertThat(
            decide(
                    "query { repository(owner: \"acme\", name: \"app\") { id } }"
                        + " mutation { deleteRepository(input: {}) { clientMutationId } }",
                    null)
                .allowed())
        .isFalse();
  }

  @Test
  void anUnparsableRequestIsRefused() {
    for (String body :
        new String[] {
          "not json",
          "[{\"query\": \"{ viewer { login } }\"}]",
          "{\"query\": 1}",
          "{\"query\": \"{ viewer { login } }\", \"variables\": []}",
          "{\"query\": \"\"}",
          "{\"query\": \"{ viewer { login }\"}",
          "{\"query\": \"{ viewer(x: \\\"open) { login } }\"}",
          "{\"query\": \"{ ...F } fragment F on Query { viewer { login } }\"}",
          "{\"query\": \"{ viewer ; }\"}",
        }) {
      Decision decision = rule.decide(body.getBytes(StandardCharsets.UTF_8), REPO_ID);
      assertThat(decision.allowed()).as(body).isFalse();
      assertThat(decision.reason()).as(body).contains("cannot be read");
    }
    StringBuilder deep = new StringBuilder("{ repository(owner: \"acme\", name: \"app\") ");
    deep.append("{ a ".repeat(100)).append("}".repeat(101));
    assertThat(decide(deep.toString(), null).reason()).contains("nested too deeply");
  }

  private Decision decide(String query, JsonObject extra) {
    JsonObject body = new JsonObject().put("query", query);
    if (extra != null) {
      body.mergeIn(extra);
    }
    return rule.decide(body.toBuffer().getBytes(), REPO_ID);
  }

  private static JsonObject vars(String owner, String name) {
    return new JsonObject()
        .put("variables", new JsonObject().put("owner", owner).put("name", name));
  }

  private static JsonObject input(String repositoryId, String head) {
    return new JsonObject()
        .put(
            "variables",
            new JsonObject()
                .put(
                    "input",
                    new JsonObject()
                        .put("repositoryId", repositoryId)
                        .put("baseRefName", "main")
                        .put("headRefName", head)
                        .put("title", "Fix")));
  }
}
