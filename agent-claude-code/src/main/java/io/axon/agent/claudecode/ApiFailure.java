package io.axon.agent.claudecode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Names the model-side cause of a failed Claude Code run, with the names of the Task's failure
 * classes ({@code status.result.reason}), from what the CLI reports: {@code api_error_status} on
 * the {@code result} line and on the synthetic assistant message it writes for an API error ({@code
 * is_api_error_message}), and that message's {@code error} kind when there is no status (a
 * connection cut or a timeout). Measured on 2.1.330: 401 gives {@code authentication_failed}, 429
 * {@code rate_limit}, 529 and a dropped connection {@code server_error}.
 */
final class ApiFailure {
  static final String AUTH_FAILED = "ModelAuthFailed";
  static final String RATE_LIMITED = "ModelRateLimited";
  static final String UNAVAILABLE = "ModelUnavailable";

  private Integer status;
  private String kind;

  /** Remembers what an assistant line says about an API error, if it is one. */
  void observeAssistant(JsonNode event) {
    if (!event.path("is_api_error_message").asBoolean(false)) {
      return;
    }
    if (event.path("api_error_status").isInt()) {
      status = event.path("api_error_status").asInt();
    }
    if (event.path("error").isTextual()) {
      kind = event.path("error").asText();
    }
  }

  /** The class of a failed result line, when the model API caused the failure. */
  Optional<String> classify(JsonNode result) {
    Integer resultStatus = status;
    if (result.path("api_error_status").isInt()) {
      resultStatus = result.path("api_error_status").asInt();
    }
    boolean apiError =
        "api_error".equals(result.path("terminal_reason").asText())
            || resultStatus != null
            || kind != null;
    if (!apiError) {
      return Optional.empty();
    }
    if (resultStatus != null) {
      return byStatus(resultStatus);
    }
    return switch (kind == null ? "" : kind) {
      case "authentication_failed", "billing_error" -> Optional.of(AUTH_FAILED);
      case "rate_limit" -> Optional.of(RATE_LIMITED);
      case "server_error" -> Optional.of(UNAVAILABLE);
      default -> Optional.empty();
    };
  }

  private static Optional<String> byStatus(int status) {
    if (status == 401 || status == 403) {
      return Optional.of(AUTH_FAILED);
    }
    if (status == 429) {
      return Optional.of(RATE_LIMITED);
    }
    if (status >= 500) {
      return Optional.of(UNAVAILABLE); // 500, 502, 503, 504 and Anthropic's 529 "overloaded"
    }
    return Optional.empty(); // 400, 404, 413: the request itself is wrong
  }
}
