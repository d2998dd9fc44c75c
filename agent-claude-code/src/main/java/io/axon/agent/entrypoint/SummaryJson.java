package io.axon.agent.entrypoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.spi.agent.RunResult;
import java.io.UncheckedIOException;

/**
 * A {@link RunResult} as JSON small enough for a container's termination message (Kubernetes keeps
 * at most 4096 bytes of it), shortening the message first since it is the only long field.
 */
final class SummaryJson {

  /** The kubelet's limit for one container's termination message. */
  static final int TERMINATION_MESSAGE_LIMIT = 4096;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ELLIPSIS = "…";
  private static final int CLIPPED_FIELD_LENGTH = 200;

  private SummaryJson() {}

  /**
   * Loads the JSON machinery on a spare thread while the agent starts, so that writing the summary
   * does not add a cold start to the end of every run.
   */
  static void warmUp() {
    Thread warmUp =
        new Thread(
            () ->
                bytes(
                    new RunResult(
                        RunResult.Outcome.SUCCEEDED,
                        "warm-up",
                        null,
                        0,
                        0.0,
                        0L,
                        0L,
                        0L,
                        null,
                        null,
                        null,
                        null)),
            "axon-agent-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  static byte[] toJson(RunResult result, int limit) {
    byte[] json = bytes(result);
    if (json.length <= limit) {
      return json;
    }
    RunResult fitted = fitMessage(result, limit);
    if (fitted == null) {
      // Even without a message it is too long (absurd branch or model names): clip them too.
      fitted = fitMessage(clipped(result), limit);
    }
    if (fitted == null) {
      throw new IllegalArgumentException("cannot fit a summary in " + limit + " bytes");
    }
    return bytes(fitted);
  }

  /** The result with the longest message prefix that fits, or null when none does. */
  private static RunResult fitMessage(RunResult result, int limit) {
    String message = result.message() == null ? "" : result.message();
    if (bytes(withMessage(result, message)).length <= limit) {
      return withMessage(result, message);
    }
    int[] codePoints = message.codePoints().toArray();
    int low = 0;
    int high = codePoints.length; // invariant: a prefix of `low` code points fits, of `high` not
    if (bytes(withMessage(result, null)).length > limit) {
      return null;
    }
    while (high - low > 1) {
      int middle = (low + high) >>> 1;
      if (bytes(withMessage(result, prefix(codePoints, middle))).length <= limit) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return withMessage(result, low == 0 ? null : prefix(codePoints, low));
  }

  private static String prefix(int[] codePoints, int length) {
    return new String(codePoints, 0, length) + ELLIPSIS;
  }

  private static RunResult withMessage(RunResult r, String message) {
    return r.withMessage(message);
  }

  private static RunResult clipped(RunResult r) {
    return new RunResult(
        r.outcome(),
        clip(r.reason()),
        r.message(),
        r.turns(),
        r.costUSD(),
        r.inputTokens(),
        r.outputTokens(),
        r.durationMillis(),
        clip(r.model()),
        clip(r.branch()),
        clip(r.commit()),
        clip(r.pullRequestURL()),
        r.limit(),
        clip(r.wipBranch()));
  }

  private static String clip(String s) {
    return s == null || s.codePointCount(0, s.length()) <= CLIPPED_FIELD_LENGTH
        ? s
        : s.substring(0, s.offsetByCodePoints(0, CLIPPED_FIELD_LENGTH)) + ELLIPSIS;
  }

  private static byte[] bytes(RunResult result) {
    try {
      return JSON.writeValueAsBytes(result);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
