package io.axon.source.github;

import io.axon.spi.source.SkippedItem;
import io.axon.spi.source.WorkItem;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.function.Function;

/**
 * What a GitHub source lists (issues, pull requests) and how it reads a page of the listing; the
 * walk, its conditional requests, redirects, pagination and rate limits are the source's.
 */
interface GitHubListing {

  /** Items the listing kept after the walk, and those it left out with the reason. */
  record Refined(List<WorkItem> passed, List<SkippedItem> skipped) {}

  /** The first page of the listing, sorted by last update, newest first. */
  String firstPageURL(GitHubRepository repository);

  /** The items of one page that pass the filters that need nothing but the page. */
  List<WorkItem> read(JsonArray page);

  /**
   * Filters that need more requests (a pull request's reviews), after the walk and before the
   * author gate.
   *
   * @param get sends a GET to a URL of the API's origin, with the source's token and headers
   */
  default Future<Refined> refine(
      List<WorkItem> items, Function<String, Future<HttpResponse<Buffer>>> get) {
    return Future.succeededFuture(new Refined(items, List.of()));
  }

  /** What is listed, for messages: {@code issues}, {@code pull requests}. */
  String noun();

  /** The source's kind, whose settings messages name. */
  String kind();
}
