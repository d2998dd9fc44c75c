package io.axon.gateway;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which GitHub GraphQL requests a Task may make (what {@code gh} sends for the Workspace's
 * repository): queries whose top-level fields are {@code repository(owner, name)} of the Workspace,
 * {@code viewer}, {@code rateLimit} or {@code __typename}; and the mutation {@code
 * createPullRequest} into the Workspace's repository from one of the Task's branches. Below the top
 * level no field may lead to another repository or an arbitrary object ({@code repository}, {@code
 * node}, {@code search}, {@code repositories}, ...). Subscriptions, other mutations and anything
 * unparsable are refused.
 */
public final class GitHubGraphQlRule {
  private static final Set<String> QUERY_FIELDS =
      Set.of("repository", "viewer", "rateLimit", "__typename");

  /**
   * Fields that lead from the Workspace's repository (or the viewer) to other repositories or any
   * object, refused below the top level.
   */
  static final Set<String> REACHING_OUT =
      Set.of(
          "repository",
          "forks",
          "templateRepository",
          "repositories",
          "organization",
          "organizations",
          "user",
          "enterprise",
          "topRepositories",
          "repositoriesContributedTo",
          "starredRepositories",
          "watching",
          "pinnedItems",
          "gists");

  private final String owner;
  private final String repo;
  private final GitPushRule branches;

  public GitHubGraphQlRule(String owner, String repo, GitPushRule branches) {
    this.owner = owner;
    this.repo = repo;
    this.branches = branches;
  }

  /** {@code OWNER/REPO}. */
  String repository() {
    return owner + "/" + repo;
  }

  /** Whether deciding on {@code document} needs the Workspace repository's node ID. */
  static boolean needsRepositoryId(GraphQlDocument document) {
    return document.operations().stream().anyMatch(o -> o.type().equals("mutation"));
  }

  /**
   * @param body the request body as sent
   * @param repositoryId the Workspace repository's GraphQL node ID, when {@link #needsRepositoryId}
   *     (else ignored)
   */
  public Decision decide(byte[] body, String repositoryId) {
    GraphQlDocument document;
    try {
      document = parse(body);
    } catch (GraphQlDocument.Unreadable e) {
      return Decision.refuse("axon gateway: the GraphQL request cannot be read: " + e.getMessage());
    }
    return decide(document, repositoryId);
  }

  static GraphQlDocument parse(byte[] body) throws GraphQlDocument.Unreadable {
    JsonObject json;
    try {
      json = new JsonObject(io.vertx.core.buffer.Buffer.buffer(body));
    } catch (RuntimeException e) {
      throw new GraphQlDocument.Unreadable("the body is not a JSON object");
    }
    return GraphQlDocument.parse(json);
  }

  Decision decide(GraphQlDocument document, String repositoryId) {
    Set<String> reaching = new TreeSet<>(document.nestedFieldNames());
    reaching.retainAll(REACHING_OUT);
    if (!reaching.isEmpty()) {
      return Decision.refuse(
          "axon gateway: GraphQL field "
              + String.join(", ", reaching)
              + " is not allowed (this Task may read only "
              + owner
              + "/"
              + repo
              + ")");
    }
    for (GraphQlDocument.Operation operation : document.operations()) {
      Decision decision =
          switch (operation.type()) {
            case "query" -> query(operation.fields());
            case "mutation" -> mutation(operation.fields(), repositoryId);
            default ->
                Decision.refuse("axon gateway: GraphQL " + operation.type() + "s are not allowed");
          };
      if (!decision.allowed()) {
        return decision;
      }
    }
    return Decision.allow();
  }

  private Decision query(List<GraphQlDocument.Field> fields) {
    for (GraphQlDocument.Field field : fields) {
      if (!QUERY_FIELDS.contains(field.name())) {
        return Decision.refuse(
            "axon gateway: GraphQL query field "
                + field.name()
                + " is not allowed (repository(owner: \""
                + owner
                + "\", name: \""
                + repo
                + "\"), viewer and rateLimit are)");
      }
      if (field.name().equals("repository") && !isWorkspaceRepository(field.arguments())) {
        return Decision.refuse(
            "axon gateway: this Task may query only the repository " + owner + "/" + repo);
      }
    }
    return Decision.allow();
  }

  private boolean isWorkspaceRepository(Map<String, Object> arguments) {
    return arguments.size() == 2
        && arguments.get("owner") instanceof String o
        && arguments.get("name") instanceof String n
        && o.toLowerCase(Locale.ROOT).equals(owner.toLowerCase(Locale.ROOT))
        && n.toLowerCase(Locale.ROOT).equals(repo.toLowerCase(Locale.ROOT));
  }

  private Decision mutation(List<GraphQlDocument.Field> fields, String repositoryId) {
    for (GraphQlDocument.Field field : fields) {
      if (!field.name().equals("createPullRequest")) {
        return Decision.refuse(
            "axon gateway: GraphQL mutation "
                + field.name()
                + " is not allowed (only createPullRequest from this Task's branch is)");
      }
      Decision decision = pullRequest(field.arguments(), repositoryId);
      if (!decision.allowed()) {
        return decision;
      }
    }
    return Decision.allow();
  }

  private Decision pullRequest(Map<String, Object> arguments, String repositoryId) {
    Map<String, Object> input = asMap(arguments.get("input"));
    if (input == null || arguments.size() != 1) {
      return Decision.refuse("axon gateway: createPullRequest needs exactly its input");
    }
    String intoRepository = input.get("repositoryId") instanceof String id ? id : null;
    if (repositoryId == null || !repositoryId.equals(intoRepository)) {
      return Decision.refuse(
          "axon gateway: a pull request may be opened only in " + owner + "/" + repo);
    }
    Object headRepository = input.get("headRepositoryId");
    if (headRepository != null && !repositoryId.equals(headRepository)) {
      return Decision.refuse(
          "axon gateway: a pull request's head must be in " + owner + "/" + repo);
    }
    String head = input.get("headRefName") instanceof String h ? h : "";
    int colon = head.indexOf(':');
    if (colon >= 0) {
      if (!head.substring(0, colon).equalsIgnoreCase(owner)) {
        return Decision.refuse(
            "axon gateway: a pull request's head must be in " + owner + "/" + repo);
      }
      head = head.substring(colon + 1);
    }
    Decision branch = branches.decide(new RefUpdate("0", "1", "refs/heads/" + head));
    return branch.allowed()
        ? Decision.allow()
        : Decision.refuse(
            "axon gateway: a pull request may come only from this Task's branches ("
                + String.join(", ", branches.branchPrefixes())
                + "), not "
                + head);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    if (value instanceof JsonObject json) {
      return json.getMap();
    }
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
  }

  /** The query that reads the Workspace repository's node ID, with the real token. */
  JsonObject repositoryIdQuery() {
    return new JsonObject()
        .put(
            "query",
            "query($owner: String!, $name: String!)"
                + " { repository(owner: $owner, name: $name) { id } }")
        .put("variables", new JsonObject().put("owner", owner).put("name", repo));
  }
}
