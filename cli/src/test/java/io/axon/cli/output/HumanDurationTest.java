package io.axon.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0s",
    "-5, 0s",
    "45, 45s",
    "119, 119s",
    "120, 2m",
    "330, 5m30s",
    "3600, 60m",
    "10800, 3h",
    "26000, 7h13m",
    "90000, 25h",
    "273600, 3d4h",
    "10368000, 120d",
    "63072000, 2y",
    "315360000, 10y"
  })
  void formatsLikeKubectl(long seconds, String text) {
    assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(text);
  }
}
