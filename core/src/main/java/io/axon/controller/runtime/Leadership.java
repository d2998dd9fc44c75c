package io.axon.controller.runtime;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Whether this replica leads, as {@link Addresses#LEADERSHIP} says (or always, without leader
 * election), for a verticle that acts only while it leads. The callbacks run on the verticle's
 * event loop, and only when leadership actually changes.
 */
public final class Leadership {
  private final boolean leaderElection;
  private final Runnable gained;
  private final Runnable lost;
  // Volatile: the health endpoint asks from its own event loop.
  private volatile boolean leading;

  /**
   * @param leaderElection false when this replica runs alone and leads from the start
   * @param gained what to do on becoming leader
   * @param lost what to do on ceasing to lead
   */
  public Leadership(boolean leaderElection, Runnable gained, Runnable lost) {
    this.leaderElection = leaderElection;
    this.gained = gained;
    this.lost = lost;
  }

  /**
   * Starts following leadership; call it from the verticle's {@code start()}, so that the event-bus
   * consumer goes away when the verticle is undeployed.
   */
  public void follow(Vertx vertx) {
    vertx
        .eventBus()
        .<JsonObject>localConsumer(
            Addresses.LEADERSHIP, m -> set(m.body().getBoolean("leader", false)));
    if (!leaderElection) {
      set(true);
    }
  }

  /** Whether this replica leads now (false before {@link #follow}). */
  public boolean isLeading() {
    return leading;
  }

  /** Stops leading without calling back: the verticle is stopping and cleans up itself. */
  public void stop() {
    leading = false;
  }

  private void set(boolean leading) {
    boolean wasLeading = this.leading;
    this.leading = leading;
    if (leading && !wasLeading) {
      gained.run();
    } else if (!leading && wasLeading) {
      lost.run();
    }
  }
}
