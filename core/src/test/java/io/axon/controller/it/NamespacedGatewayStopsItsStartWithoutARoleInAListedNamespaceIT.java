package io.axon.controller.it;

import static io.axon.controller.it.NamespacedGatewayPlane.OTHER;
import static io.axon.controller.it.NamespacedGatewayPlane.SERVED;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A namespaced gateway told to serve a namespace where deploy/gateway-namespaced/rbac.yaml was not
 * applied stops its start with a message that names the namespace and the fix.
 */
class NamespacedGatewayStopsItsStartWithoutARoleInAListedNamespaceIT {

  @Test
  void aListedNamespaceWithoutItsRoleStopsTheStartNamingItAndTheFix() throws Exception {
    try (NamespacedGatewayPlane n = NamespacedGatewayPlane.start()) {
      assertThatThrownBy(() -> n.grants(List.of(SERVED, OTHER)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "cannot list and watch Tasks in namespace team-b (HTTP 403): apply"
                  + " deploy/gateway-namespaced/rbac.yaml there (kubectl apply -n team-b -f ...),"
                  + " or take it out of namespaces:");
    }
  }
}
