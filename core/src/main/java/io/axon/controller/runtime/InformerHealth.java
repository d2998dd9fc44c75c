package io.axon.controller.runtime;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * One informer's state, as fabric8 reports it.
 *
 * @param resource the resource it lists and watches, for example {@code jobs}
 * @param scope its namespace, or {@code all namespaces}
 * @param running started and not stopped: false for good means only a restart helps
 * @param synced it has had its initial list
 * @param watching its watch is open now; false while it reconnects or is refused
 */
public record InformerHealth(
    String resource, String scope, boolean running, boolean synced, boolean watching) {

  public static InformerHealth of(String resource, String scope, SharedIndexInformer<?> informer) {
    return new InformerHealth(
        resource, scope, informer.isRunning(), informer.hasSynced(), informer.isWatching());
  }

  /** Serving from a complete, current cache. */
  public boolean ready() {
    return running && synced && watching;
  }

  /** Its name in logs and on the health endpoints, for example {@code jobs (all namespaces)}. */
  public String name() {
    return resource + " (" + scope + ")";
  }

  /** Stopped after it had synced: only a restart helps. */
  public boolean stopped() {
    return synced && !running;
  }

  /** What is wrong, for logs and the health endpoints; empty when ready. */
  public String problem() {
    if (!synced) {
      return name() + " has not synced";
    }
    if (!running) {
      return name() + " stopped";
    }
    return watching ? "" : name() + " is not watching";
  }
}
