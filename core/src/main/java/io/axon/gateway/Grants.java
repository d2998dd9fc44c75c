package io.axon.gateway;

import io.vertx.core.Future;
import java.util.Optional;

/** Finds the grant of a per-Task token; empty when the token is unknown, wrong or revoked. */
public interface Grants {
  Future<Optional<TaskGrant>> resolve(String token);
}
