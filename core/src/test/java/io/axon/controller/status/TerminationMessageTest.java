package io.axon.controller.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.api.v1alpha1.TaskResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminationMessageTest {

  @Test
  void fieldsANewerImageAddsAreIgnoredAndTheRestIsKept() {
    TaskResult result =
        TerminationMessage.parse(
            "{\"outcome\":\"Succeeded\",\"reason\":\"completed\",\"turns\":8,\"costUSD\":0.12,"
                + "\"cacheTokens\":123,\"tools\":{\"Bash\":3},\"branch\":\"axon/fix-42\"}");

    assertThat(result.getOutcome()).isEqualTo("Succeeded");
    assertThat(result.getAgentReason()).isEqualTo("completed");
    assertThat(result.getTurns()).isEqualTo(8);
    assertThat(result.getCostUSD()).isEqualTo("0.12");
    assertThat(result.getBranch()).isEqualTo("axon/fix-42");
  }

  @ParameterizedTest
  @CsvSource({"succeeded,Succeeded", "FAILED,Failed", "Failed,Failed", "sUcCeEdEd,Succeeded"})
  void theOutcomeIsReadWhateverItsCase(String written, String read) {
    assertThat(TerminationMessage.parse("{\"outcome\":\"" + written + "\"}").getOutcome())
        .isEqualTo(read);
  }

  @Test
  void theAgentsMessageIsReadDespiteUnknownFields() {
    assertThat(
            TerminationMessage.agentMessage("{\"outcome\":\"failed\",\"new\":1,\"message\":\"m\"}"))
        .isEqualTo("m");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{not json|it is not valid JSON: ",
        "[1,2]|it is not a JSON object but ARRAY",
        "\"Succeeded\"|it is not a JSON object but STRING",
        "{\"turns\":3}|it has no \"outcome\"",
        "{\"outcome\":\"maybe\"}|its \"outcome\" is \"maybe\": expected \"Succeeded\" or \"Failed\"",
        "{\"outcome\":true}|its \"outcome\" is true: expected \"Succeeded\" or \"Failed\"",
        "{\"outcome\":\"Failed\",\"turns\":\"eight\"}|its \"turns\" is \"eight\": expected a whole number",
        "{\"outcome\":\"Failed\",\"costUSD\":{}}|its \"costUSD\" is {}: expected a number",
      })
  void whatIsWrongIsSaidPrecisely(String message, String why) {
    assertThatThrownBy(() -> TerminationMessage.parse(message))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .startsWith(why);
  }
}
