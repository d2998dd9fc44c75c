package io.axon.agent.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.spi.agent.RunResult;
import org.junit.jupiter.api.Test;

/** Model-side failure classes read from real transcripts of the pinned CLI (see the README). */
class ApiFailureTest {

  private static RunResult resultOf(String transcript) {
    StreamJsonReader reader = new StreamJsonReader();
    Transcripts.lines(transcript).forEach(reader::read);
    return reader.result().orElseThrow();
  }

  @Test
  void http401IsModelAuthFailed() {
    RunResult result = resultOf("api-error-401");
    assertThat(result.succeeded()).isFalse();
    assertThat(result.reason()).isEqualTo("ModelAuthFailed");
    assertThat(result.message()).isEqualTo("Invalid API key · Fix external API key");
  }

  @Test
  void http429IsModelRateLimited() {
    RunResult result = resultOf("api-error-429");
    assertThat(result.reason()).isEqualTo("ModelRateLimited");
    assertThat(result.message()).contains("429");
  }

  @Test
  void http529AndHttp500AreModelUnavailable() {
    assertThat(resultOf("api-error-529").reason()).isEqualTo("ModelUnavailable");
    assertThat(resultOf("api-error").reason()).isEqualTo("ModelUnavailable");
  }

  @Test
  void aConnectionCutWithoutRecoveryIsModelUnavailable() {
    RunResult result = resultOf("connection-lost");
    assertThat(result.reason()).isEqualTo("ModelUnavailable");
    assertThat(result.message()).contains("ECONNRESET");
  }

  @Test
  void http400StaysAPlainApiError() {
    assertThat(resultOf("api-error-400").reason()).isEqualTo("api_error");
  }

  @Test
  void recoveredRunsAreNotClassifiedAsFailures() {
    assertThat(resultOf("retry").reason()).isEqualTo("completed");
    assertThat(resultOf("stream-cut").reason()).isEqualTo("completed");
  }
}
