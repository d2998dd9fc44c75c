package io.axon.gateway;

/**
 * Where the gateway reports each request it allowed or refused. A refusal names the host, method
 * and path only: never a header, a body or a credential.
 */
public interface GatewayAudit {

  /** What kind of traffic a request was. */
  enum Route {
    MODEL,
    GIT,
    GITHUB,
    EGRESS
  }

  void allowed(TaskGrant grant, Route route);

  void refused(
      TaskGrant grant, Route route, String method, String host, String path, String reason);

  /** A request without a valid token: there is no Task to charge it to. */
  default void unauthenticated(Route route) {}

  GatewayAudit NONE =
      new GatewayAudit() {
        @Override
        public void allowed(TaskGrant grant, Route route) {}

        @Override
        public void refused(
            TaskGrant grant, Route route, String method, String host, String path, String reason) {}
      };
}
