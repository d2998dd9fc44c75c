package io.axon.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps what the gateway reported, for assertions. */
final class RecordingAudit implements GatewayAudit {
  private final AtomicInteger allowed = new AtomicInteger();
  private final AtomicInteger unauthenticated = new AtomicInteger();
  private final List<String> refusals = new CopyOnWriteArrayList<>();

  @Override
  public void allowed(TaskGrant grant, Route route) {
    allowed.incrementAndGet();
  }

  @Override
  public void refused(
      TaskGrant grant, Route route, String method, String host, String path, String reason) {
    refusals.add(route + " " + method + " " + host + " " + path + ": " + reason);
  }

  @Override
  public void unauthenticated(Route route) {
    unauthenticated.incrementAndGet();
  }

  int allowed() {
    return allowed.get();
  }

  int unauthenticated() {
    return unauthenticated.get();
  }

  List<String> refusals() {
    return List.copyOf(refusals);
  }
}
