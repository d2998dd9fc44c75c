package io.axon.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  @ParameterizedTest
  @CsvSource({"90, PT1M30S", "90s, PT1M30S", "5m, PT5M", "1h30m, PT1H30M", "250ms, PT0.25S"})
  void parsesKubectlDurations(String text, String iso) {
    assertThat(new DurationConverter().convert(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "m", "5 m", "5d", "-5s", "5m-"})
  void rejectsOthers(String text) {
    assertThatThrownBy(() -> new DurationConverter().convert(text))
        .isInstanceOf(TypeConversionException.class);
  }
}
