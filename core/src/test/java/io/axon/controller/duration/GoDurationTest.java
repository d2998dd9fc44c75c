package io.axon.controller.duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.api.v1alpha1.TaskSpawnerSpec;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
    "30s, PT30S",
    "5m, PT5M",
    "1h30m, PT1H30M",
    "500ms, PT0.5S",
    "1.5h, PT1H30M",
    "2h0m10s, PT2H10S",
    "1m500ms, PT1M0.5S",
    "0.25s, PT0.25S"
  })
  void readsGoDurations(String text, String expected) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "5", "m", "5 m", "5min", "1d", "-5m", "5m3", "1h-30m", "1.m"})
  void refusesAnythingElseSayingWhatToWrite(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("30s");
  }

  @ParameterizedTest
  @ValueSource(strings = {"30s", "5m", "1h30m", "500ms", "1.5h"})
  void acceptsWhatTheCrdPatternAccepts(String text) {
    assertThat(text).matches(TaskSpawnerSpec.DURATION_PATTERN);
    assertThat(GoDuration.parse(text)).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999h"})
  void refusesDurationsTooLongToHold(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text)).hasMessageContaining("too long");
  }
}
