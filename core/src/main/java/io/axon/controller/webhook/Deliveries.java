package io.axon.controller.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The delivery ids ({@code X-GitHub-Delivery}) seen lately, per spawner, at most {@link #MAX} (the
 * oldest forgotten first). Bounded, so a flood of deliveries cannot grow it; a delivery repeated
 * after it was forgotten is harmless, since a delivery only ever asks for a poll.
 */
final class Deliveries {
  static final int MAX = 4096;
  private final Map<String, Boolean> seen =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > MAX;
        }
      };

  /** Records the delivery; false when it was seen already. */
  synchronized boolean firstTime(String spawnerKey, String delivery) {
    return seen.putIfAbsent(spawnerKey + "#" + delivery, Boolean.TRUE) == null;
  }

  /** Forgets the delivery, so that the sender may send it again (it was not taken after all). */
  synchronized void forget(String spawnerKey, String delivery) {
    seen.remove(spawnerKey + "#" + delivery);
  }

  synchronized int size() {
    return seen.size();
  }
}
