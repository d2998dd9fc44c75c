package io.axon.gateway;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Grants held in memory: a local run's one token, and tests. {@link #revoke} ends one. */
public final class StaticGrants implements Grants {
  private final Map<String, TaskGrant> byToken = new ConcurrentHashMap<>();

  public StaticGrants put(String token, TaskGrant grant) {
    byToken.put(token, grant);
    return this;
  }

  public void revoke(String token) {
    byToken.remove(token);
  }

  @Override
  public Future<Optional<TaskGrant>> resolve(String token) {
    return Future.succeededFuture(Optional.ofNullable(token).map(byToken::get));
  }
}
