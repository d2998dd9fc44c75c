package io.axon.gateway;

import io.vertx.core.http.HttpServerRequest;

/**
 * One model API: the per-Task token out, the Task's real credential in, the stream untouched. A
 * token is good only on the route of its own agent's API.
 */
final class ModelRoute {
  private final ModelProvider provider;
  private final Forwarder forwarder;
  private final String upstream;
  private final GatewayAudit audit;

  ModelRoute(ModelProvider provider, Forwarder forwarder, String upstream, GatewayAudit audit) {
    this.provider = provider;
    this.forwarder = forwarder;
    this.upstream = upstream;
    this.audit = audit;
  }

  ModelProvider provider() {
    return provider;
  }

  void handle(HttpServerRequest in, TaskGrant grant) {
    String rest = in.path().substring(provider.prefix().length());
    if (grant.modelProvider() != provider) {
      refuse(
          in,
          grant,
          "axon gateway: this Task's token is for the "
              + grant.modelProvider().prefix().substring(1)
              + " model API, not "
              + provider.prefix().substring(1));
      return;
    }
    if (!provider.isApiPath(rest)) {
      refuse(
          in,
          grant,
          "axon gateway: only the model API's paths (" + provider.pathsShown() + ") go through");
      return;
    }
    audit.allowed(grant, GatewayAudit.Route.MODEL);
    String query =
        provider == ModelProvider.GEMINI
            ? ModelProvider.queryWithoutKey(in.query())
            : in.query() == null ? "" : "?" + in.query();
    forwarder
        .forward(in, upstream + rest + query, provider.upstreamHeaders(in, grant), null)
        .onFailure(e -> Responses.badGateway(in, e));
  }

  private void refuse(HttpServerRequest in, TaskGrant grant, String reason) {
    audit.refused(grant, GatewayAudit.Route.MODEL, in.method().name(), "model", in.path(), reason);
    Responses.modelError(in, 403, "permission_error", reason);
  }
}
