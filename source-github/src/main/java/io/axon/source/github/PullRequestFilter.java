package io.axon.source.github;

import io.axon.spi.source.SkippedItem;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSourceConfig;
import io.axon.spi.source.WorkSourceException;
import io.axon.spi.source.WorkSourceException.Reason;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which pull requests a TaskSpawner wants. GitHub's pulls listing filters by {@code state} only;
 * labels, drafts and the author are checked here on each page, and the review state after the walk
 * from each remaining pull request's reviews (asked for again only when the pull request was
 * updated, which a new review does). A pull request from a fork is skipped: its branch is not in
 * the Workspace's repository, where the Task works. Lives on the source's Vert.x context.
 */
final class PullRequestFilter implements GitHubListing {
  static final Set<String> STATES = Set.of("open", "closed", "all");
  static final List<String> REVIEW_STATES = List.of("any", "approved", "changes_requested", "none");
  static final int REVIEW_CACHE_SIZE = 1_000;

  private final GitHubRepository repository;
  private final String state;
  private final List<String> labels;
  private final Set<String> excludeLabels;
  private final Boolean draft;
  private final String reviewState;
  private final String author;

  /** Per pull request: its last update and head repository, as its page said. */
  private final Map<Long, Meta> meta = new HashMap<>();

  /** Review states by pull request, for the update they were read at; bounded, oldest out. */
  private final Map<Long, Review> reviews =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Review> eldest) {
          return size() > REVIEW_CACHE_SIZE;
        }
      };

  private record Meta(String updatedAt, String headRepo) {}

  private record Review(String updatedAt, String state) {}

  private PullRequestFilter(
      GitHubRepository repository,
      String state,
      List<String> labels,
      Set<String> excludeLabels,
      Boolean draft,
      String reviewState,
      String author) {
    this.repository = repository;
    this.state = state;
    this.labels = labels;
    this.excludeLabels = excludeLabels;
    this.draft = draft;
    this.reviewState = reviewState;
    this.author = author;
  }

  static PullRequestFilter from(WorkSourceConfig config, GitHubRepository repository) {
    String kind = GitHubPullRequestsSourceProvider.KIND;
    String state = config.string("state").map(String::strip).orElse("open");
    if (!STATES.contains(state)) {
      throw invalid("%s.state is '%s': use open, closed or all (default open)", kind, state);
    }
    Boolean draft = null;
    Object draftSetting = config.settings().get("draft");
    if (draftSetting != null) {
      String text = draftSetting.toString().strip().toLowerCase(Locale.ROOT);
      if (!text.equals("true") && !text.equals("false")) {
        throw invalid(
            "%s.draft is '%s': use true (drafts only) or false (no drafts), or leave it unset",
            kind, draftSetting);
      }
      draft = Boolean.valueOf(text);
    }
    String review = config.string("reviewState").map(String::strip).orElse("any");
    if (!REVIEW_STATES.contains(review)) {
      throw invalid(
          "%s.reviewState is '%s': use any (default), approved, changes_requested or none",
          kind, review);
    }
    String author =
        config
            .string("author")
            .map(s -> s.strip().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .orElse(null);
    return new PullRequestFilter(
        repository,
        state,
        config.strings("labels").stream().map(String::strip).filter(s -> !s.isEmpty()).toList(),
        config.strings("excludeLabels").stream()
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet()),
        draft,
        review,
        author);
  }

  private static WorkSourceException invalid(String format, Object... args) {
    return new WorkSourceException(Reason.INVALID_CONFIG, format.formatted(args));
  }

  /** Sorted by update, so that a 304 on page one means nothing in the set changed. */
  @Override
  public String firstPageURL(GitHubRepository repository) {
    return repository.apiBaseURL()
        + "/repos/%s/%s/pulls?state=%s&sort=updated&direction=desc&per_page=100"
            .formatted(repository.owner(), repository.name(), state);
  }

  @Override
  public List<WorkItem> read(JsonArray page) {
    List<WorkItem> items = new ArrayList<>(page.size());
    for (Object element : page) {
      JsonObject pull = (JsonObject) element;
      List<String> names = IssueJson.labelNames(pull);
      String login = login(pull.getJsonObject("user"));
      boolean isDraft = pull.getBoolean("draft", false);
      if (!names.containsAll(labels)
          || names.stream().anyMatch(excludeLabels::contains)
          || (draft != null && draft != isDraft)
          || (author != null && !author.equals(login.toLowerCase(Locale.ROOT)))) {
        continue;
      }
      long number = pull.getLong("number");
      JsonObject head = pull.getJsonObject("head", new JsonObject());
      JsonObject base = pull.getJsonObject("base", new JsonObject());
      JsonObject headRepo = head.getJsonObject("repo");
      meta.put(
          number,
          new Meta(
              pull.getString("updated_at", ""),
              headRepo == null ? "" : headRepo.getString("full_name", "")));
      String merged = pull.getString("merged_at");
      items.add(
          new WorkItem(
              String.valueOf(number),
              number,
              pull.getString("title", ""),
              pull.getString("body"),
              pull.getString("html_url", ""),
              names,
              Map.of(
                  "State",
                  merged != null ? "merged" : pull.getString("state", ""),
                  "Author",
                  login,
                  WorkItem.BRANCH,
                  head.getString("ref", ""),
                  "Base",
                  base.getString("ref", ""),
                  "Draft",
                  String.valueOf(isDraft))));
    }
    return items;
  }

  @Override
  public Future<Refined> refine(
      List<WorkItem> items, Function<String, Future<HttpResponse<Buffer>>> get) {
    Set<Long> current = items.stream().map(WorkItem::number).collect(Collectors.toSet());
    meta.keySet().retainAll(current);
    reviews.keySet().retainAll(current);
    List<WorkItem> sameRepo = new ArrayList<>();
    List<SkippedItem> skipped = new ArrayList<>();
    for (WorkItem item : items) {
      Meta m = meta.get(item.number());
      String headRepo = m == null ? "" : m.headRepo();
      if (!headRepo.equalsIgnoreCase(repository.slug())) {
        skipped.add(
            new SkippedItem(
                item,
                headRepo.isEmpty()
                    ? "its head repository is gone (a deleted fork): there is no branch to work on"
                    : ("it comes from the fork %s: its branch %s is not in %s, where the Task"
                            + " works")
                        .formatted(
                            headRepo, item.extra().get(WorkItem.BRANCH), repository.slug())));
      } else {
        sameRepo.add(item);
      }
    }
    if (reviewState.equals("any")) {
      return Future.succeededFuture(new Refined(List.copyOf(sameRepo), List.copyOf(skipped)));
    }
    List<Future<Void>> asked = new ArrayList<>();
    for (WorkItem item : sameRepo) {
      String updated = meta.get(item.number()).updatedAt();
      Review cached = reviews.get(item.number());
      if (cached == null || !cached.updatedAt().equals(updated)) {
        asked.add(askReviews(item.number(), updated, get));
      }
    }
    return Future.all(asked)
        .map(
            done -> {
              List<WorkItem> passed = new ArrayList<>();
              for (WorkItem item : sameRepo) {
                Review review = reviews.get(item.number());
                if (review == null) {
                  skipped.add(
                      new SkippedItem(
                          item, "its reviews could not be read; the next poll asks again"));
                } else if (review.state().equals(reviewState)) {
                  passed.add(item);
                }
              }
              return new Refined(List.copyOf(passed), List.copyOf(skipped));
            });
  }

  private Future<Void> askReviews(
      long number, String updatedAt, Function<String, Future<HttpResponse<Buffer>>> get) {
    String url =
        repository.apiBaseURL()
            + "/repos/%s/%s/pulls/%d/reviews?per_page=100"
                .formatted(repository.owner(), repository.name(), number);
    return get.apply(url)
        .map(
            response -> {
              if (response.statusCode() == 200) {
                reviews.put(number, new Review(updatedAt, stateOf(response.bodyAsJsonArray())));
              }
              return (Void) null;
            })
        // Unreadable now: this pull request waits for the next poll rather than pass.
        .otherwise(e -> null);
  }

  /**
   * The review state as GitHub's pull request page shows it: each reviewer's latest approving,
   * change-requesting or dismissed review counts (comments do not); any change request wins.
   */
  static String stateOf(JsonArray reviews) {
    Map<String, String> latest = new LinkedHashMap<>();
    for (Object element : reviews) {
      if (!(element instanceof JsonObject review)) {
        continue;
      }
      String state = review.getString("state", "");
      String reviewer = login(review.getJsonObject("user"));
      if (state.equals("APPROVED") || state.equals("CHANGES_REQUESTED")) {
        latest.put(reviewer, state);
      } else if (state.equals("DISMISSED")) {
        latest.remove(reviewer);
      }
    }
    if (latest.containsValue("CHANGES_REQUESTED")) {
      return "changes_requested";
    }
    return latest.containsValue("APPROVED") ? "approved" : "none";
  }

  private static String login(JsonObject user) {
    return user == null ? "" : user.getString("login", "");
  }

  @Override
  public String noun() {
    return "pull requests";
  }

  @Override
  public String kind() {
    return GitHubPullRequestsSourceProvider.KIND;
  }
}
