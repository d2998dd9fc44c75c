package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which command a raw argument line names: the one subcommand picocli is given to build. */
class AxonCliTest {

  @ParameterizedTest(name = "[{0}] names {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "get tasks                               | get",
        "get --help                              | get",
        "--kubeconfig k --context c get tasks    | get",
        "--kubeconfig=k -n team logs t -f        | logs",
        "-n get tasks                            | tasks",
        "--config c run -p hi                    | run",
        "--help get                              | -",
        "-V                                      | -",
        "-- get                                  | -",
        "''                                      | -",
      })
  void theCommandIsTheFirstArgumentThatIsNotARootOption(String line, String command) {
    List<String> args = line.isBlank() ? List.of() : Arrays.asList(line.split(" "));

    assertThat(AxonCli.commandName(args)).isEqualTo(java.util.Optional.ofNullable(command));
  }
}
