package io.axon.controller.it;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds, or fails the test saying what it waited for and what it saw. */
public final class Eventually {
  private Eventually() {}

  public static <T> T await(
      Duration timeout, String what, Supplier<T> supplier, Predicate<T> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T value = null;
    RuntimeException lastError = null;
    while (true) {
      try {
        value = supplier.get();
        lastError = null;
        if (value != null && condition.test(value)) {
          return value;
        }
      } catch (RuntimeException e) {
        lastError = e; // The API server may be restarting: keep asking.
      }
      if (System.nanoTime() > deadline) {
        AssertionError failure =
            new AssertionError(
                "Timed out after "
                    + timeout.toSeconds()
                    + " s waiting for "
                    + what
                    + "; last seen: "
                    + value);
        if (lastError != null) {
          failure.initCause(lastError);
        }
        throw failure;
      }
      sleep(50);
    }
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
