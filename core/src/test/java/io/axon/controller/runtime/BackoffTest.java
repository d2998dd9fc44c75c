package io.axon.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Duration FIRST = Duration.ofMillis(100);
  private static final Duration MAX = Duration.ofSeconds(10);

  @Test
  void boundsDoubleFromTheFirstUpToTheCap() {
    Backoff backoff = new Backoff(FIRST, MAX);
    assertThat(backoff.bound(1)).isEqualTo(FIRST);
    assertThat(backoff.bound(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.bound(7)).isEqualTo(Duration.ofMillis(6400));
    assertThat(backoff.bound(8)).isEqualTo(MAX);
    assertThat(backoff.bound(1_000)).isEqualTo(MAX);
  }

  @Test
  void eachDelayIsJitteredBetweenHalfAndAllOfItsBound() {
    assertThat(new Backoff(FIRST, MAX, () -> 0.0).delay(3)).isEqualTo(Duration.ofMillis(200));
    assertThat(new Backoff(FIRST, MAX, () -> 1.0).delay(3)).isEqualTo(Duration.ofMillis(400));
    assertThat(new Backoff(FIRST, MAX, () -> 0.5).delay(100)).isEqualTo(Duration.ofMillis(7500));
  }

  @Test
  void randomDelaysSpreadOut() {
    Backoff backoff = new Backoff(FIRST, MAX);
    assertThat(
            java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> backoff.delay(5))
                .distinct()
                .count())
        .isGreaterThan(1);
  }

  @Test
  void refusesBoundsThatCannotBackOff() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, MAX))
        .hasMessageContaining("0 < first <= max");
    assertThatThrownBy(() -> new Backoff(MAX, FIRST)).hasMessageContaining("0 < first <= max");
  }
}
