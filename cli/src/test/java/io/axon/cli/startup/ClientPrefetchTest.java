package io.axon.cli.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientPrefetchTest {

  @ParameterizedTest(name = "axon {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // arguments                                     | guess? | kubeconfig | context
        "get tasks                                       | true   | -          | -",
        "--verbose get tasks                             | true   | -          | -",
        "--kubeconfig /k get tasks                       | true   | /k         | -",
        "--kubeconfig=/k --context=c logs t1 -f          | true   | /k         | c",
        "get tasks --context c -n team                   | true   | -          | c",
        "-n get get tasks                                | true   | -          | -",
        "--config run run -p x                           | true   | -          | -",
        "delete task t1                                  | true   | -          | -",
        "install --yes                                   | true   | -          | -",
        "run -p x --local                                | false  | -          | -",
        "get --help                                      | false  | -          | -",
        "--help                                          | false  | -          | -",
        "version                                         | true   | -          | -",
        "version --client                                | false  | -          | -",
        "describe task t1                                | true   | -          | -",
        "wait t1 --for=delete                            | true   | -          | -",
        "init                                            | false  | -          | -",
        "completion                                      | false  | -          | -",
        "spawner preview -f s.yaml                       | false  | -          | -",
        "''                                              | false  | -          | -",
        "-- get tasks                                    | false  | -          | -",
      })
  void guessesFromTheRawArguments(
      String line, boolean expected, String kubeconfig, String context) {
    List<String> args = line.isBlank() ? List.of() : Arrays.asList(line.trim().split("\\s+"));

    Optional<ClientPrefetch> guess = ClientPrefetch.guess(args);

    assertThat(guess.isPresent()).isEqualTo(expected);
    guess.ifPresent(
        g -> {
          assertThat(g.kubeconfig()).isEqualTo(kubeconfig == null ? null : Path.of(kubeconfig));
          assertThat(g.context()).isEqualTo(context);
        });
  }
}
