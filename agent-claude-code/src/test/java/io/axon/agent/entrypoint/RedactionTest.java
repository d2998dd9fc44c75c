package io.axon.agent.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

  private final Redaction redaction =
      Redaction.of(
          Map.of(
              "ANTHROPIC_API_KEY", "plain-looking-credential-42",
              "GITHUB_TOKEN", "not-shaped-like-a-github-token",
              "HOME", "/home/agent",
              "AXON_MAX_TURNS", "3"));

  @Test
  void theValuesOfTheCredentialVariablesGoFirstWhateverTheyLookLike() {
    assertThat(
            redaction.apply(
                "401 for key plain-looking-credential-42; push with"
                    + " not-shaped-like-a-github-token failed in /home/agent after 3 turns"))
        .isEqualTo(
            "401 for key [redacted]; push with [redacted] failed in /home/agent after 3 turns");
  }

  @Test
  void anythingShapedLikeAWellKnownCredentialGoesToo() {
    assertThat(
            Redaction.of(Map.of())
                .apply(
                    "x-api-key sk-ant-api03-AbCdEf123456_-xyz | token ghp_0123456789abcdefABCDEF"
                        + " | github_pat_11AAAAAAA0123456789_abcdefgh | Authorization: Bearer"
                        + " eyJhbGciOi.eyJzdWIi.sig | Basic dXNlcjpwYXNzd29yZA== |"
                        + " https://x-access-token:s3cr3tvalue@github.com/acme/w.git |"
                        + " {\"api_key\": \"abcdefgh12345\"} password=hunter2hunter2"))
        .isEqualTo(
            "x-api-key [redacted] | token [redacted] | [redacted] | Authorization: Bearer"
                + " [redacted] | Basic [redacted] | https://[redacted]@github.com/acme/w.git |"
                + " {\"api_key\": \"[redacted]\"} password=[redacted]");
  }

  @Test
  void ordinaryErrorsAreLeftAsTheyAre() {
    String error = "API Error: 529 overloaded; token expired? see https://docs.example/errors";
    assertThat(Redaction.of(Map.of("GITHUB_TOKEN", "")).apply(error)).isEqualTo(error);
  }

  @Test
  void longTextIsCapped() {
    assertThat(redaction.apply("x".repeat(5_000))).hasSize(Redaction.MAX_LENGTH).endsWith("…");
  }
}
