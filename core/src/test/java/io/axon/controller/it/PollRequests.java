package io.axon.controller.it;

import io.axon.controller.runtime.Addresses;
import io.axon.controller.webhook.WebhookVerticle;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The polls a controller's webhooks ask its spawners for, counted as they are sent on its event bus
 * ({@link Addresses#SPAWNER_POLL}), so a test sees a poll asked for before the delivery is answered
 * rather than when the poll reaches the source.
 */
final class PollRequests {
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicLong lastSentNanos = new AtomicLong();

  PollRequests(Vertx controllerVertx) {
    controllerVertx
        .eventBus()
        .addOutboundInterceptor(
            delivery -> {
              if (Addresses.SPAWNER_POLL.equals(delivery.message().address())) {
                lastSentNanos.set(System.nanoTime());
                sent.incrementAndGet();
              }
              delivery.next();
            });
  }

  /** How many polls were asked for so far. */
  int sent() {
    return sent.get();
  }

  /**
   * Waits until a poll asked for now would be sent at once (while it answers the delivery), not put
   * off by {@link WebhookVerticle#POLL_SPACING} and merged with one already pending: twice the
   * spacing after the last poll sent, so a pending one has been sent too.
   */
  void awaitNoneDue(Duration timeout) {
    long quiet = 2 * WebhookVerticle.POLL_SPACING.toNanos();
    Eventually.await(
        timeout,
        "twice the poll spacing since the last poll was asked for",
        () -> sent.get() == 0 || System.nanoTime() - lastSentNanos.get() >= quiet,
        quietNow -> quietNow);
  }
}
