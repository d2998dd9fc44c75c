package io.axon.gateway;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.Set;

/** The model API: the per-Task token out, the Task's real credential in, the stream untouched. */
final class ModelRoute {
  private final Forwarder forwarder;
  private final String upstream;
  private final GatewayAudit audit;

  ModelRoute(Forwarder forwarder, String upstream, GatewayAudit audit) {
    this.forwarder = forwarder;
    this.upstream = upstream;
    this.audit = audit;
  }

  void handle(HttpServerRequest in, TaskGrant grant) {
    String rest = in.path().substring(GatewayUrls.MODEL_PREFIX.length());
    if (!rest.startsWith("/v1/") || rest.contains("/../")) {
      String reason = "axon gateway: only the model API's /v1/ paths go through";
      audit.refused(
          grant, GatewayAudit.Route.MODEL, in.method().name(), "model", in.path(), reason);
      Responses.modelError(in, 403, "permission_error", reason);
      return;
    }
    MultiMap headers = Forwarder.upstreamHeaders(in, Set.of("x-api-key", "authorization"));
    if (grant.oauth()) {
      headers.set("Authorization", "Bearer " + grant.modelCredential());
    } else {
      headers.set("x-api-key", grant.modelCredential());
    }
    audit.allowed(grant, GatewayAudit.Route.MODEL);
    String query = in.query() == null ? "" : "?" + in.query();
    forwarder
        .forward(in, upstream + rest + query, headers, null)
        .onFailure(e -> Responses.badGateway(in, e));
  }
}
