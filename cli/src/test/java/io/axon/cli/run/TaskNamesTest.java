package io.axon.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskNamesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          Fix the bug described in issue #42 and open a PR; fix-the-bug
          Create a hello world program in Python          ; create-a-hello
          #42: Überprüfe die API!                          ; 42-berpr-fe
          ¿¡!!                                             ; task
          supercalifragilisticexpialidocious-and-more-words; supercalifragilisticexpialidoc
          """)
  void nameIsTheFirstWordsAndASuffix(String prompt, String stem) {
    String name = TaskNames.fromPrompt(prompt, new Random(7));

    assertThat(name).startsWith(stem + "-").hasSize(stem.length() + 6);
    assertThat(TaskNames.problem(name)).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "ok-name,",
    "a,",
    "Bad,lower-case",
    "-x,lower-case",
    "x-,lower-case",
    "a_b,lower-case"
  })
  void validatesNames(String name, String problem) {
    if (problem == null) {
      assertThat(TaskNames.problem(name)).isNull();
    } else {
      assertThat(TaskNames.problem(name)).contains(problem);
    }
    assertThat(TaskNames.problem("a".repeat(64))).contains("at most 63");
  }
}
