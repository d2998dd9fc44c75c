package io.axon.source.github;

import io.axon.spi.source.PollStats;
import io.axon.spi.source.SkippedItem;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSource;
import io.axon.spi.source.WorkSourceException;
import io.axon.spi.source.WorkSourceException.Reason;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * The issues of one repository that match a TaskSpawner's filter, polled with conditional requests.
 *
 * <p>Each page's ETag and items are kept from the last complete poll. Pages are sorted by last
 * update, so a 304 on page one means no issue in the set was created or changed, and the poll
 * answers from the cache after one request, which GitHub does not count against the rate limit.
 * When page one changed, every page is asked for again with its own ETag. An issue that leaves the
 * set (closed, or a filter label removed) while it sits on page two or later does not change page
 * one, so every {@link #FULL_WALK_EVERY} the walk goes on past an unchanged page one and asks for
 * every page (unchanged ones are answered 304 and cost no rate limit); such a departure is noticed
 * within that time.
 *
 * <p>All state lives on one Vert.x context; overlapping calls to {@link #poll()} share one poll.
 */
final class GitHubIssuesSource implements WorkSource {

  /** How stale the answer may get about issues that left the set from page two or later. */
  static final Duration FULL_WALK_EVERY = Duration.ofMinutes(30);

  /** 10,000 issues: past that, a filter is too wide to poll every few minutes. */
  static final int MAX_PAGES = 100;

  private static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 307, 308);

  private final Vertx ownedVertx;
  private final Context context;
  private final WebClient client;
  private final GitHubRepository repository;
  private final URI apiOrigin;
  private final GitHubListing listing;
  private final String token;
  private final Clock clock;
  private final GitHubFailures failures;
  private final RateLimits rateLimits = new RateLimits();
  private final AuthorGate gate;
  private volatile List<SkippedItem> lastSkipped = List.of();

  /** Pages of the last complete poll, in link order, by URL. */
  private Map<String, CachedPage> pages = Map.of();

  /** When the last walk that asked for every page started. */
  private Instant lastFullWalk = Instant.MIN;

  private Future<List<WorkItem>> inFlight;
  private volatile PollStats lastPollStats = PollStats.NONE;

  private record CachedPage(String etag, List<WorkItem> items, String next) {}

  /** Counters and pages of one poll; its pages replace the cache only when the poll completes. */
  private static final class Walk {
    final Instant started;
    final boolean full;
    final Map<String, CachedPage> pages = new LinkedHashMap<>();
    int requests;
    int notModified;
    int redirects;

    Walk(Instant started, boolean full) {
      this.started = started;
      this.full = full;
    }
  }

  GitHubIssuesSource(
      Vertx vertx,
      boolean ownsVertx,
      WebClient client,
      GitHubRepository repository,
      GitHubListing listing,
      AuthorGate gate,
      Optional<String> token,
      Clock clock) {
    this.ownedVertx = ownsVertx ? vertx : null;
    this.context = vertx.getOrCreateContext();
    this.client = client;
    this.repository = repository;
    this.apiOrigin = URI.create(repository.apiBaseURL());
    this.listing = listing;
    this.gate = gate;
    this.token = token.filter(t -> !t.isBlank()).orElse(null);
    this.clock = clock;
    this.failures =
        new GitHubFailures(repository, this.token != null, listing.noun(), listing.kind());
  }

  @Override
  public CompletionStage<List<WorkItem>> poll() {
    Promise<List<WorkItem>> result = Promise.promise();
    context.runOnContext(
        v -> {
          Future<List<WorkItem>> current = inFlight;
          if (current == null) {
            current = walk();
            inFlight = current;
            // A walk that failed fast is already complete: this clears it at once.
            current.onComplete(done -> inFlight = null);
          }
          current.onComplete(result);
        });
    return result.future().toCompletionStage();
  }

  @Override
  public PollStats lastPollStats() {
    return lastPollStats;
  }

  @Override
  public List<SkippedItem> lastSkipped() {
    return lastSkipped;
  }

  @Override
  public void close() {
    client.close();
    if (ownedVertx != null) {
      Future<Void> closed = ownedVertx.close();
      if (!Context.isOnVertxThread()) {
        try {
          closed.await(Duration.ofSeconds(10));
        } catch (TimeoutException e) {
          // Its threads end on their own; nothing is left to release here.
        }
      }
    }
  }

  private Future<List<WorkItem>> walk() {
    Instant now = clock.instant();
    Walk walk = new Walk(now, !now.isBefore(lastFullWalk.plus(FULL_WALK_EVERY)));
    return fetch(listing.firstPageURL(repository), true, walk)
        .map(
            done -> {
              pages = walk.pages;
              if (walk.full) {
                lastFullWalk = walk.started;
              }
              return itemsOf(walk.pages);
            })
        .compose(items -> listing.refine(items, url -> get(url, walk)))
        .compose(
            refined ->
                gate.apply(refined.passed(), client, repository, token, clock)
                    .map(
                        gated -> {
                          List<SkippedItem> skipped = new ArrayList<>(refined.skipped());
                          skipped.addAll(gated.skipped());
                          lastSkipped = List.copyOf(skipped);
                          return gated.passed();
                        }))
        .andThen(
            done ->
                lastPollStats =
                    new PollStats(
                        walk.requests,
                        walk.notModified,
                        rateLimits.remaining(),
                        rateLimits.reset()));
  }

  private Future<Void> fetch(String url, boolean firstPage, Walk walk) {
    if (walk.pages.containsKey(url)) {
      return Future.failedFuture(failures.unexpectedContent("a Link header that loops"));
    }
    if (walk.pages.size() >= MAX_PAGES) {
      return Future.failedFuture(
          new WorkSourceException(
              Reason.INVALID_CONFIG,
              "more than %d %s of %s match %s: narrow the filter with labels"
                  .formatted(MAX_PAGES * 100, listing.noun(), repository.slug(), listing.kind())));
    }
    var now = clock.instant();
    if (rateLimits.secondaryActive(now)) {
      return Future.failedFuture(failures.secondaryLimit(rateLimits.secondaryUntil().get()));
    }
    if (rateLimits.primaryExhausted(now)) {
      return Future.failedFuture(failures.primaryLimit(rateLimits.reset()));
    }
    CachedPage cached = pages.get(url);
    HttpRequest<Buffer> request =
        client
            .getAbs(url)
            .putHeader("Accept", "application/vnd.github+json")
            .putHeader("X-GitHub-Api-Version", "2022-11-28")
            .putHeader("User-Agent", "axon");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (cached != null && cached.etag() != null) {
      request.putHeader("If-None-Match", cached.etag());
    }
    walk.requests++;
    return request
        .send()
        .recover(cause -> Future.failedFuture(failures.unreachable(cause)))
        .compose(response -> answer(url, firstPage, cached, response, walk));
  }

  private Future<Void> answer(
      String url, boolean firstPage, CachedPage cached, HttpResponse<Buffer> response, Walk walk) {
    var now = clock.instant();
    rateLimits.observe(response.statusCode(), response.headers(), now);
    int status = response.statusCode();
    CachedPage page;
    if (status == 304 && cached != null) {
      walk.notModified++;
      if (firstPage && !walk.full) {
        // Sorted by update: an unchanged first page means no issue was added or changed.
        walk.pages.putAll(pages);
        return Future.succeededFuture();
      }
      page = cached;
    } else if (status == 200) {
      try {
        page = readPage(response);
      } catch (RuntimeException e) {
        return Future.failedFuture(failures.unexpectedContent("content that is not a JSON array"));
      }
    } else if (status == 304) {
      return Future.failedFuture(failures.unexpectedContent("304 to an unconditional request"));
    } else if (REDIRECTS.contains(status) && response.getHeader("Location") != null) {
      return redirect(url, response.getHeader("Location"), firstPage, walk);
    } else {
      return Future.failedFuture(failures.forResponse(response, rateLimits, now));
    }
    walk.pages.put(url, page);
    if (page.next() == null) {
      return Future.succeededFuture();
    }
    URI next;
    try {
      next = URI.create(url).resolve(page.next().strip());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(
          failures.unexpectedContent("a Link header with an unreadable URL"));
    }
    if (!sameOrigin(apiOrigin, next)) {
      // The token goes only where the Workspace's owner pointed the source.
      return Future.failedFuture(failures.linkedAway(next));
    }
    return fetch(next.toString(), false, walk);
  }

  /**
   * GitHub redirects the API of a renamed or transferred repository. Redirects are followed here
   * rather than by the client so that the token only ever goes to the configured API's origin.
   */
  private Future<Void> redirect(String from, String location, boolean firstPage, Walk walk) {
    URI target;
    try {
      target = URI.create(from).resolve(location.strip());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(failures.unexpectedContent("a redirect to an unreadable URL"));
    }
    if (!sameOrigin(apiOrigin, target)) {
      return Future.failedFuture(failures.redirectedAway(target));
    }
    if (++walk.redirects > MAX_REDIRECTS) {
      return Future.failedFuture(failures.unexpectedContent("too many redirects"));
    }
    return fetch(target.toString(), firstPage, walk);
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && effectivePort(a) == effectivePort(b);
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private CachedPage readPage(HttpResponse<Buffer> response) {
    List<WorkItem> items = listing.read(response.bodyAsJsonArray());
    return new CachedPage(
        response.getHeader("ETag"),
        List.copyOf(items),
        LinkHeader.next(response.getHeader("Link")).orElse(null));
  }

  /** A GET of the API's origin for a listing's further look (reviews), counted in the walk. */
  private Future<HttpResponse<Buffer>> get(String url, Walk walk) {
    URI target = URI.create(url);
    if (!sameOrigin(apiOrigin, target)) {
      return Future.failedFuture(failures.linkedAway(target));
    }
    HttpRequest<Buffer> request =
        client
            .getAbs(url)
            .putHeader("Accept", "application/vnd.github+json")
            .putHeader("X-GitHub-Api-Version", "2022-11-28")
            .putHeader("User-Agent", "axon");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    walk.requests++;
    return request
        .send()
        .recover(cause -> Future.failedFuture(failures.unreachable(cause)))
        .onSuccess(r -> rateLimits.observe(r.statusCode(), r.headers(), clock.instant()));
  }

  /** All pages' items; an issue updated mid-walk can show on two pages, and counts once. */
  private static List<WorkItem> itemsOf(Map<String, CachedPage> pages) {
    Set<String> seen = new LinkedHashSet<>();
    List<WorkItem> items = new ArrayList<>();
    for (CachedPage page : pages.values()) {
      for (WorkItem item : page.items()) {
        if (seen.add(item.id())) {
          items.add(item);
        }
      }
    }
    return List.copyOf(items);
  }
}
